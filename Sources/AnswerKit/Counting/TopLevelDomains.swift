/// Top-level domains that make a bare domain (no `http://`) count as a URL.
///
/// The ISO 3166 country-code TLDs, the generic TLDs in common use and a few
/// internationalised ones; twitter-text ships the full IANA list
/// (conformance/tld_lib.yml), which adds hundreds of rarely used brand TLDs.
/// A URL with an explicit `http(s)://` needs no entry here.
enum TopLevelDomains {
    static let known: Set<String> = [
        "ac", "academy", "ad", "ae", "aero", "af", "ag", "agency", "ai", "al", "am", "amazon", "ao", "app",
        "apple", "aq", "ar", "arpa", "as", "asia", "at", "au", "aw", "ax", "az", "ba", "bank", "bb", "bd",
        "be", "bf", "bg", "bh", "bi", "biz", "bj", "blog", "bm", "bn", "bo", "br", "bs", "bt", "bw", "by",
        "bz", "ca", "care", "cat", "cc", "cd", "center", "cf", "cg", "ch", "chat", "ci", "ck", "cl", "click",
        "cloud", "club", "cm", "cn", "co", "com", "company", "coop", "cr", "cu", "cv", "cw", "cx", "cy",
        "cz", "de", "design", "dev", "digital", "dj", "dk", "dm", "do", "dz", "ec", "edu", "ee", "eg",
        "email", "er", "es", "et", "eu", "facebook", "fashion", "fi", "finance", "fitness", "fj", "fk", "fm",
        "fo", "fr", "ga", "game", "games", "gd", "ge", "gf", "gg", "gh", "gi", "gl", "global", "gm", "gn",
        "google", "gov", "gp", "gq", "gr", "group", "gs", "gt", "gu", "gw", "gy", "health", "help", "hk",
        "hm", "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "info", "insurance", "int", "io", "iq",
        "ir", "is", "it", "je", "jm", "jo", "jobs", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr",
        "kw", "ky", "kz", "la", "law", "lb", "lc", "legal", "li", "life", "link", "live", "lk", "lr", "ls",
        "lt", "lu", "lv", "ly", "ma", "market", "mc", "md", "me", "media", "mg", "mh", "microsoft", "mil",
        "mk", "ml", "mm", "mn", "mo", "mobi", "money", "mp", "mq", "mr", "ms", "mt", "mu", "museum", "mv",
        "mw", "mx", "my", "mz", "na", "name", "nc", "ne", "net", "network", "news", "nf", "ng", "ni", "nl",
        "no", "np", "nr", "nu", "nz", "om", "online", "org", "pa", "page", "pe", "pf", "pg", "ph",
        "photography", "photos", "pk", "pl", "pm", "pn", "post", "pr", "pro", "ps", "pt", "pw", "py", "qa",
        "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se", "services", "sg", "sh", "shop", "si",
        "site", "sk", "sl", "sm", "sn", "so", "social", "software", "solutions", "space", "sr", "ss", "st",
        "store", "studio", "su", "support", "sv", "sx", "sy", "systems", "sz", "tc", "td", "tech", "tel",
        "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "today", "top", "tr", "travel", "tt", "tv",
        "tw", "twitter", "tz", "ua", "ug", "uk", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi", "vip", "vn",
        "vu", "website", "wf", "world", "ws", "xyz", "ye", "youtube", "yt", "za", "zm", "zw", "рф",
        "ישראל", "السعودية", "امارات", "مصر", "پاکستان", "みんな", "中国", "台湾", "台灣", "香港", "한국",
    ]
}
