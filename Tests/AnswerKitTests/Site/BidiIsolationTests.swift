@testable import AnswerKit
import Testing

/// Left-to-right runs inside Arabic and Hebrew text are isolated whole, with sentence punctuation left outside.
@Suite struct BidiIsolationTests {
    @Test(arguments: [
        ("اختر الطلب، مثل #NB-48213، ثم اضغط", ["#NB-48213"]),
        ("ويمكنك دائمًا مراسلتنا على @NimbusHelp.", ["@NimbusHelp"]),
        ("من هنا: https://nimbus.example/ar/track", ["https://nimbus.example/ar/track"]),
        ("افتح https://nimbus.example/help/ الآن", ["https://nimbus.example/help/"]),
        ("(في الواجهة الإنجليزية: Account → Orders).", ["Account → Orders"]),
        ("سجّل الدخول إلى موقع Nimbus.", ["Nimbus"]),
        ("הנקודה החמה (Hotspot) לא מתחברת", ["Hotspot"]),
        ("רשת Wi-Fi (2.4 GHz) בבית", ["Wi-Fi", "2.4 GHz"]),
        ("اتصل على +966 50 123 4567 اليوم", ["+966 50 123 4567"]),
        ("اتصل على 0100 555 1234 اليوم", ["0100 555 1234"]),
        ("يبدأ بـ NB-)", ["NB-"]),
        ("اضغط Ctrl+C لنسخه", ["Ctrl+C"]),
        ("اكتب إلى help@nimbus.example أو", ["help@nimbus.example"]),
        ("جهاز iPhone 15 Pro جديد", ["iPhone 15 Pro"]),
        ("Go to Settings. Then tap Wi-Fi. ثم", ["Go to Settings. Then tap Wi-Fi"]),
        // Hebrew prefixes join Latin words with a hyphen that stays with the prefix.
        ("בדיקה שה-APN מוגדר כ-internet.nimbus ובווידוא", ["APN", "internet.nimbus"]),
        ("התחברו ל-Wi-Fi", ["Wi-Fi"]),
        ("פתחו את /settings/network עכשיו", ["/settings/network"]),
    ])
    func findsRuns(_ text: String, _ expected: [String]) {
        #expect(BidiIsolation.runs(in: text) == expected)
    }

    @Test(arguments: [
        "خلال 3 إلى 5 أيام عمل",  // numbers alone are laid out right by the bidi algorithm
        "من 3–5 أيام",
        "٢٠٢٦-١٠-٠٥",
        "חיוב כפול הוא תפיסת מסגרת זמנית",
        "",
    ])
    func leavesTextWithoutLatinRunsAlone(_ text: String) {
        #expect(BidiIsolation.runs(in: text).isEmpty)
        #expect(BidiIsolation.html(text) == HTML.escape(text))
    }

    @Test func escapesInsideAndOutsideRuns() {
        let html = BidiIsolation.html("<b> رقم #NB-1 & \"Q&A\" <script>")
        #expect(html == "&lt;<bdi>b</bdi>&gt; رقم <bdi>#NB-1</bdi> &amp; &quot;<bdi>Q&amp;A</bdi>&quot; &lt;<bdi>script</bdi>&gt;")
        #expect(!html.contains("<b>") && !html.contains("<script"))
        #expect(html.replacingOccurrences(of: "<bdi>", with: "").replacingOccurrences(of: "</bdi>", with: "") == HTML.escape("<b> رقم #NB-1 & \"Q&A\" <script>"))
    }

    @Test func newLinesEndRuns() {
        #expect(BidiIsolation.runs(in: "Nimbus\nHelp") == ["Nimbus", "Help"])
    }
}
