@testable import AnswerKit
import Testing

@Suite struct SMSCounterTests {
    @Test(arguments: [
        // text, encoding, units, segments
        ("Hello", SMSCounter.Encoding.gsm7, 5, 1),
        (String(repeating: "a", count: 160), .gsm7, 160, 1),
        (String(repeating: "a", count: 161), .gsm7, 161, 2),
        (String(repeating: "a", count: 306), .gsm7, 306, 2),
        (String(repeating: "a", count: 307), .gsm7, 307, 3),
        ("€", .gsm7, 2, 1),  // extension table: escape + char
        ("Café à Noël", .ucs2, 11, 1),  // ë is not GSM-7
        ("Crème brûlée", .ucs2, 12, 1),  // û forces UCS-2
        ("ça va", .ucs2, 5, 1),  // lower-case ç is not in the default alphabet
        ("Sipariş", .ucs2, 7, 1),  // Turkish ş
        ("ığ", .ucs2, 2, 1),
        ("مرحبا", .ucs2, 5, 1),
        ("שלום", .ucs2, 4, 1),
        (String(repeating: "ب", count: 70), .ucs2, 70, 1),
        (String(repeating: "ب", count: 71), .ucs2, 71, 2),
        (String(repeating: "ب", count: 134), .ucs2, 134, 2),
        (String(repeating: "ب", count: 135), .ucs2, 135, 3),
        ("😀", .ucs2, 2, 1),  // a surrogate pair is two units
        ("", .gsm7, 0, 0),
    ])
    func measures(_ text: String, _ encoding: SMSCounter.Encoding, _ units: Int, _ segments: Int) {
        let measure = SMSCounter.measure(text)
        #expect(measure.encoding == encoding)
        #expect(measure.units == units)
        #expect(measure.segments == segments)
    }

    @Test func escapePairsAreNotSplitAcrossSegments() {
        // 152 plain septets then a two-septet '€': the escape pair cannot start at
        // position 153 of the first segment, so a third segment is not needed yet
        // but the split moves: 152 | 2 + 10 = 2 segments.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 10)
        #expect(SMSCounter.measure(text).segments == 2)
        let exact = String(repeating: "a", count: 305) + "€"  // 307 septets, pair pushed to segment 3
        #expect(SMSCounter.measure(exact).segments == 3)
    }

    @Test func channelLimitIsInSegments() {
        let sms = Channel(name: "sms", unit: .segments, limit: 1)
        let fits = LengthCount(String(repeating: "ا", count: 70), channel: sms)
        #expect(fits.valid && fits.limit == 70 && fits.segments == 1)
        let over = LengthCount(String(repeating: "ا", count: 71), channel: sms)
        #expect(!over.valid && over.segments == 2 && over.encoding == .ucs2)
    }
}
