#ifndef ANSWERKIT_CCMARK_SHIM_H
#define ANSWERKIT_CCMARK_SHIM_H
// Angle brackets so the header is found through pkg-config's include paths
// (Debian: /usr/include; Homebrew: $(brew --prefix)/include), never a fixed path.
#include <cmark.h>
#endif
