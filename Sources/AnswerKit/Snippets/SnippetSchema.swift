/// JSON Schema (2020-12) of `snippets.json`, written beside it as `snippets.schema.json`.
public enum SnippetSchema {
    /// The schema document.
    public static let json = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "snippets.schema.json",
      "title": "AnswerKit snippet bundle",
      "description": "Approved replies of an AnswerKit knowledge base, for agents' tools. Only replies of approved entries whose review date has not passed are included.",
      "type": "object",
      "required": ["schema_version", "site", "locale", "count", "replies", "channels", "placeholders"],
      "additionalProperties": false,
      "properties": {
        "$schema": { "type": "string" },
        "schema_version": { "const": 1 },
        "site": {
          "type": "object",
          "required": ["title", "base_url"],
          "additionalProperties": false,
          "properties": {
            "title": { "type": "string" },
            "base_url": { "type": "string", "format": "uri-reference" }
          }
        },
        "locale": { "type": ["string", "null"], "description": "The locale of a per-locale bundle; null for the bundle of all locales." },
        "count": { "type": "integer", "minimum": 0 },
        "replies": { "type": "array", "items": { "$ref": "#/$defs/reply" } },
        "channels": {
          "type": "object",
          "description": "Every configured channel's counting rule and limit, so tools measure filled replies as the build did.",
          "additionalProperties": {
            "type": "object",
            "required": ["unit", "limit"],
            "additionalProperties": false,
            "properties": {
              "unit": { "enum": ["weighted", "characters", "bytes", "segments"] },
              "limit": { "type": ["integer", "null"], "minimum": 1, "description": "In the unit; for 'segments' a number of SMS segments; null when unlimited." }
            }
          }
        },
        "placeholders": {
          "type": "object",
          "description": "Placeholders declared in answerkit.yml, by name. A placeholder used in a reply but not declared here has no bound and no default.",
          "additionalProperties": { "$ref": "#/$defs/placeholder" }
        }
      },
      "$defs": {
        "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
        "placeholder": {
          "type": "object",
          "required": ["name", "type", "charset"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "pattern": "^[a-z][a-z0-9_]*$" },
            "type": { "enum": ["text", "url"], "description": "'url': an absolute ASCII http(s) link; X counts it as 23." },
            "charset": { "enum": ["any", "gsm", "ascii", "identifier"], "description": "Characters a value may use: any; the GSM 03.38 SMS alphabet; printable ASCII; ASCII letters, digits and - _ @ #." },
            "max": { "type": "integer", "minimum": 1, "description": "The longest value in Unicode code points after NFC." },
            "default": { "type": "string", "description": "Used when no value is given; without it the placeholder is required." },
            "description": { "type": "string" }
          }
        },
        "reply": {
          "type": "object",
          "required": ["id", "entry", "locale", "channel", "kind", "title", "text", "variables", "url", "tags", "length", "limit", "unit", "approved_by", "approved_on", "hash", "worst_case_length"],
          "additionalProperties": false,
          "properties": {
            "id": { "type": "string", "description": "<entry>:<locale>:<channel>:<kind>:<n>, n counting replies of the same channel and kind from 1." },
            "entry": { "type": "string", "description": "Entry id, shared by translations." },
            "locale": { "type": "string" },
            "channel": { "type": "string", "description": "A configured channel, or 'any' for replies that fit every channel." },
            "kind": { "enum": ["answer", "acknowledge", "follow-up", "private", "escalate"] },
            "title": { "type": "string", "description": "The entry's title: the customer's question." },
            "text": { "type": "string", "description": "The reply; {{name}} marks a placeholder." },
            "variables": { "type": "array", "items": { "type": "string", "pattern": "^[a-z][a-z0-9_]*$" } },
            "url": { "type": "string", "format": "uri-reference", "description": "Absolute URL of the entry page." },
            "tags": { "type": "array", "items": { "type": "string" } },
            "length": { "type": "integer", "minimum": 0, "description": "Base length: the text as written with its placeholders empty, by the channel's counting rule." },
            "limit": { "type": ["integer", "null"], "minimum": 0, "description": "The channel's limit in the same unit; null when it has none." },
            "unit": { "enum": ["weighted", "characters", "bytes", "segments"] },
            "segments": { "type": "integer", "minimum": 0, "description": "SMS only: number of segments." },
            "limit_channel": { "type": "string", "description": "For 'any' replies: the channel whose rule gives length and limit (the tightest fit)." },
            "approved_by": { "type": "string" },
            "approved_on": { "$ref": "#/$defs/date" },
            "review_by": { "$ref": "#/$defs/date" },
            "hash": { "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" },
            "worst_case_length": { "type": ["integer", "null"], "minimum": 0, "description": "The longest the reply can measure once every placeholder holds the longest value its declaration allows, by the same rule and channel as length (for SMS in the units of the worst case's encoding: UCS-2 whenever a value may hold a character outside GSM-7). Equals length when the reply has no placeholder; null when a placeholder is not declared or has no max (such replies are only checked with placeholders empty)." },
            "worst_case_segments": { "type": "integer", "minimum": 0, "description": "SMS only: the worst case in segments, compared with the channel's limit in segments." },
            "stale_translation": { "const": true, "description": "Present when the entry in the default locale was approved again after this translation's approved_on: the translation may say something else." }
          }
        }
      }
    }

    """#
}
