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
      "required": ["schema_version", "site", "locale", "count", "replies"],
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
        "replies": { "type": "array", "items": { "$ref": "#/$defs/reply" } }
      },
      "$defs": {
        "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
        "reply": {
          "type": "object",
          "required": ["id", "entry", "locale", "channel", "kind", "title", "text", "variables", "url", "tags", "length", "limit", "unit", "approved_by", "approved_on", "hash"],
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
            "length": { "type": "integer", "minimum": 0, "description": "Length of the text with placeholders empty, by the channel's counting rule." },
            "limit": { "type": ["integer", "null"], "minimum": 0, "description": "The channel's limit in the same unit; null when it has none." },
            "unit": { "enum": ["weighted", "characters", "bytes", "segments"] },
            "segments": { "type": "integer", "minimum": 0, "description": "SMS only: number of segments." },
            "limit_channel": { "type": "string", "description": "For 'any' replies: the channel whose rule gives length and limit (the tightest fit)." },
            "approved_by": { "type": "string" },
            "approved_on": { "$ref": "#/$defs/date" },
            "review_by": { "$ref": "#/$defs/date" },
            "hash": { "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" }
          }
        }
      }
    }

    """#
}
