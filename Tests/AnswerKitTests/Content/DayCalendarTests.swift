@testable import AnswerKit
import Foundation
import Testing

/// `Day`'s arithmetic conversions agree with Foundation's Gregorian calendar in UTC.
@Suite struct DayCalendarTests {
    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    private static func calendarDay(_ date: Date) -> Day {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    @Test func momentsBecomeTheCalendarsDay() {
        var moments: [TimeInterval] = [0, -1, 86_399, 86_400, 951_782_400, 1_795_000_000.5, -12_212_553_600, -12_212_553_601, 253_402_300_799]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3_000 { moments.append(TimeInterval.random(in: -14_000_000_000...254_000_000_000, using: &random).rounded()) }
        for moment in moments {
            let date = Date(timeIntervalSince1970: moment)
            #expect(Day(date) == Self.calendarDay(date), "\(moment)")
        }
    }

    @Test func daysBecomeTheCalendarsMidnight() {
        var days = [
            Day(year: 1970, month: 1, day: 1), Day(year: 2000, month: 2, day: 29), Day(year: 2100, month: 2, day: 28),
            Day(year: 1583, month: 1, day: 1), Day(year: 1582, month: 12, day: 31), Day(year: 1500, month: 3, day: 1),
            Day(year: 9999, month: 12, day: 31), Day(year: 2026, month: 2, day: 30), Day(year: 2026, month: 13, day: 1),
        ]
        for year in stride(from: 1583, through: 2500, by: 7) {
            for month in 1...12 { days.append(Day(year: year, month: month, day: 1 + (year * month) % 28)) }
            days.append(Day(year: year, month: 2, day: 29))
        }
        for day in days {
            let expected = Self.calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            #expect(day.date == expected, "\(day)")
            if day.daysSince1970 != nil { #expect(Day(day.date) == day, "\(day)") }
        }
    }
}
