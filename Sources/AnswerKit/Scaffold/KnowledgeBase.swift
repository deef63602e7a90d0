import Foundation

extension Scaffold {
    /// The files of a new knowledge base: config, one welcome entry per locale, the default theme.
    public static func knowledgeBase(title: String, today: Day) -> [OutputFile] {
        var files: [OutputFile] = [OutputFile(path: "answerkit.yml", text: config(title: title))]
        for welcome in welcomes {
            files.append(OutputFile(path: "content/\(welcome.locale)/general/_index.md", text: """
                ---
                title: \(yamlString(welcome.category))
                description: ""
                order: 1
                ---

                """))
            files.append(OutputFile(path: "content/\(welcome.locale)/general/welcome.md", text: """
                ---
                id: welcome
                title: \(yamlString(welcome.title))
                summary: \(yamlString(welcome.summary))
                tags: [\(welcome.tag)]
                status: approved
                approved_by: Support team
                approved_on: \(today)
                review_by: \(today.adding(days: 182))
                sources:
                  - https://example.com/help
                replies:
                  - channel: twitter
                    kind: answer
                    text: \(yamlString(welcome.reply))
                ---
                \(welcome.body)

                """))
        }
        for file in DefaultTheme.files {
            files.append(OutputFile(path: "templates/\(file.path)", contents: Data(base64Encoded: file.base64) ?? Data()))
        }
        return files
    }

    static func config(title: String) -> String {
        """
        title: \(yamlString(title))
        baseURL: https://help.example.com/
        defaultLocale: en
        locales:
          - { code: en, name: English, direction: ltr }
          - { code: fr, name: Français, direction: ltr }
          - { code: tr, name: Türkçe, direction: ltr }
          - { code: ar, name: العربية, direction: rtl }
          - { code: he, name: עברית, direction: rtl }
        # channels:
        #   sms: { limit: 1 }
        paths:
          content: content
          templates: templates
          public: public

        """
    }

    private struct Welcome {
        var locale, category, title, summary, tag, reply, body: String
    }

    private static let welcomes: [Welcome] = [
        Welcome(locale: "en", category: "General", title: "How do I contact support?",
                summary: "Every way to reach us, and how fast we answer.", tag: "contact",
                reply: "Hi {{name}}, we're here every day from 8:00 to 20:00 and usually answer within the hour.",
                body: "We answer on X, Facebook, Instagram, WhatsApp and by email, usually within the hour.\n\n## Opening hours\n\nEvery day from 8:00 to 20:00."),
        Welcome(locale: "fr", category: "Général", title: "Comment contacter le support ?",
                summary: "Tous les moyens de nous joindre, et nos délais de réponse.", tag: "contact",
                reply: "Bonjour {{name}}, nous sommes là tous les jours de 8 h à 20 h et répondons en général en moins d'une heure.",
                body: "Nous répondons sur X, Facebook, Instagram, WhatsApp et par e-mail, en général en moins d'une heure.\n\n## Horaires\n\nTous les jours de 8 h à 20 h."),
        Welcome(locale: "tr", category: "Genel", title: "Destek ekibine nasıl ulaşırım?",
                summary: "Bize ulaşabileceğiniz tüm kanallar ve yanıt süreleri.", tag: "iletişim",
                reply: "Merhaba {{name}}, her gün 08.00–20.00 arası buradayız ve genellikle bir saat içinde yanıt veriyoruz.",
                body: "X, Facebook, Instagram, WhatsApp ve e-posta üzerinden genellikle bir saat içinde yanıt veriyoruz.\n\n## Çalışma saatleri\n\nHer gün 08.00–20.00."),
        Welcome(locale: "ar", category: "عام", title: "كيف أتواصل مع فريق الدعم؟",
                summary: "كل طرق التواصل معنا ومتى نرد عليك.", tag: "تواصل",
                reply: "مرحبًا {{name}}، نحن هنا يوميًا من الساعة 8 صباحًا حتى 8 مساءً، وعادةً نرد خلال ساعة.",
                body: "نرد عليك عبر X وفيسبوك وإنستغرام وواتساب والبريد الإلكتروني، وعادةً خلال ساعة.\n\n## ساعات العمل\n\nيوميًا من 8 صباحًا حتى 8 مساءً."),
        Welcome(locale: "he", category: "כללי", title: "איך יוצרים קשר עם התמיכה?",
                summary: "כל הדרכים להשיג אותנו, ותוך כמה זמן נענה.", tag: "יצירת-קשר",
                reply: "היי {{name}}, אנחנו כאן כל יום בין 8:00 ל-20:00 ובדרך כלל עונים תוך שעה.",
                body: "אנחנו עונים ב-X, בפייסבוק, באינסטגרם, בוואטסאפ ובמייל, בדרך כלל תוך שעה.\n\n## שעות פעילות\n\nכל יום בין 8:00 ל-20:00."),
    ]
}
