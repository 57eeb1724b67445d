import Foundation
import Testing

@testable import SigapCore

/// Issue 18: a service's form, an application's states, and the promised time that stops while the applicant
/// holds a correction.
@Suite struct PublicServiceRulesTests {
    let calendar = WorkCalendar(
        timeZone: TimeZone(identifier: "Asia/Jakarta")!, holidays: [CivilDay("2026-06-01")!], coveredYears: [2026])

    let fields = [
        ServiceForm.Field(key: "nama_acara", label: "Nama acara", kind: .text),
        ServiceForm.Field(key: "peserta", label: "Perkiraan peserta", kind: .number),
        ServiceForm.Field(key: "tanggal", label: "Tanggal", kind: .date),
        ServiceForm.Field(key: "jenis", label: "Jenis", kind: .choice, options: ["Pawai", "Konser"]),
        ServiceForm.Field(key: "nik", label: "NIK penanggung jawab", kind: .nik),
        ServiceForm.Field(key: "catatan", label: "Catatan", kind: .text, required: false),
    ]

    @Test func aFormIsCheckedFieldByField() {
        let good = [
            "nama_acara": "Pawai budaya", "peserta": "250", "tanggal": "2026-12-20", "jenis": "Pawai",
            "nik": "1207014501900003",
        ]
        #expect(ServiceForm.problems(fields, values: good).isEmpty)
        let bad = ["peserta": "banyak", "tanggal": "20/12/2026", "jenis": "Rapat", "nik": "1207019999900003"]
        #expect(
            ServiceForm.problems(fields, values: bad) == [
                "nama_acara": "service.field_required", "peserta": "service.field_number",
                "tanggal": "service.field_date", "jenis": "service.field_choice", "nik": "service.field_nik",
            ])
        #expect(ServiceForm.isNIK("1207014501900003"))  // a woman born 5 January 1990: day + 40
        #expect(!ServiceForm.isNIK("120701450190000"))
        #expect(!ServiceForm.isNIK("0007014501900003"))
    }

    @Test func aDefinitionNeedsUniqueKeysAndChoicesWithOptions() {
        #expect(ServiceForm.definitionProblems(fields: fields, requirements: []).isEmpty)
        let broken = ServiceForm.definitionProblems(
            fields: [.init(key: "Nama Acara", label: "x", kind: .choice)],
            requirements: [
                .init(key: "ktp", label: "KTP", accepted: []), .init(key: "ktp", label: "KTP", accepted: [.pdf]),
            ])
        #expect(
            Set(broken) == [
                "service.keys_unique", "service.key_invalid", "service.choice_without_options",
                "service.requirement_types",
            ])
    }

    @Test func applicationsMoveOnlyAsTheRulesSay() {
        let citizen = ApplicationActor(isApplicant: true, handles: false)
        let clerk = ApplicationActor(isApplicant: false, handles: true)
        let stranger = ApplicationActor(isApplicant: false, handles: false)
        #expect(ApplicationWorkflow.apply(.submit, from: .draft, by: citizen, hasText: false) == .success(.submitted))
        #expect(ApplicationWorkflow.apply(.submit, from: .draft, by: stranger, hasText: false) == .failure(.notAllowed))
        #expect(
            ApplicationWorkflow.apply(.approve, from: .submitted, by: citizen, hasText: false) == .failure(.notAllowed))
        #expect(ApplicationWorkflow.apply(.review, from: .submitted, by: clerk, hasText: false) == .success(.inReview))
        #expect(
            ApplicationWorkflow.apply(.requestCorrection, from: .inReview, by: clerk, hasText: false)
                == .failure(.reasonRequired))
        #expect(
            ApplicationWorkflow.apply(.requestCorrection, from: .inReview, by: clerk, hasText: true)
                == .success(.correction))
        #expect(
            ApplicationWorkflow.apply(.approve, from: .correction, by: clerk, hasText: false, hasResult: true)
                == .failure(.wrongState))
        #expect(
            ApplicationWorkflow.apply(.resubmit, from: .correction, by: citizen, hasText: false) == .success(.submitted)
        )
        #expect(
            ApplicationWorkflow.apply(.approve, from: .submitted, by: clerk, hasText: false)
                == .failure(.resultRequired))
        #expect(
            ApplicationWorkflow.apply(.approve, from: .inReview, by: clerk, hasText: false, hasResult: true)
                == .success(.approved))
        #expect(ApplicationWorkflow.apply(.reject, from: .approved, by: clerk, hasText: true) == .failure(.wrongState))
        #expect(ApplicationWorkflow.apply(.reject, from: .submitted, by: clerk, hasText: true) == .success(.rejected))
    }

    @Test func theClockStopsWhileTheApplicantHoldsACorrection() {
        // Submitted Monday 8 June 09:00 with 3 working days: due Thursday 11 June 09:00.
        let submitted = jakarta("2026-06-08 09:00")
        let due = calendar.adding(workingDays: 3, to: submitted)
        #expect(due == jakarta("2026-06-11 09:00"))
        // A correction asked Tuesday 9 June 09:00: two working days remain.
        let remaining = ApplicationClock.pause(due: due, at: jakarta("2026-06-09 09:00"), calendar: calendar)
        #expect(remaining == 2 * 8 * 3600)
        // The citizen answers the next Monday 15 June 10:00: two working days from then.
        let resumed = ApplicationClock.resume(remaining: remaining, at: jakarta("2026-06-15 10:00"), calendar: calendar)
        #expect(resumed == jakarta("2026-06-17 10:00"))
        // Asked after the deadline had passed, it stays late.
        let late = ApplicationClock.pause(due: due, at: jakarta("2026-06-12 09:00"), calendar: calendar)
        #expect(late < 0)
        #expect(
            ApplicationClock.resume(remaining: late, at: jakarta("2026-06-15 10:00"), calendar: calendar)
                < jakarta("2026-06-15 10:00"))
    }
}

@Suite struct ServiceFormTextTests {
    @Test func aClerkWritesTheFormAsLines() {
        let (fields, problems) = ServiceFormText.fields(
            """
            Nama acara | teks | wajib
            Jenis acara | pilihan | wajib | Pawai, Konser

            Catatan untuk petugas | teks | opsional
            NIK penanggung jawab | nik
            Tanggal | hari
            """)
        #expect(fields.map(\.key) == ["nama_acara", "jenis_acara", "catatan_untuk_petugas", "nik_penanggung_jawab"])
        #expect(fields[1].options == ["Pawai", "Konser"])
        #expect(fields[2].required == false)
        #expect(fields[3].kind == .nik && fields[3].required)
        #expect(problems == [.init(line: 6, key: "service.line_field")])
        let (requirements, bad) = ServiceFormText.requirements("KTP | pdf, JPEG | wajib\nSurat RT | doc")
        #expect(requirements == [.init(key: "ktp", label: "KTP", accepted: [.pdf, .jpeg])])
        #expect(bad == [.init(line: 2, key: "service.line_requirement")])
        // Written back, the lines read the same.
        #expect(ServiceFormText.fields(ServiceFormText.text(fields)).0 == fields)
        #expect(ServiceFormText.requirements(ServiceFormText.text(requirements)).0 == requirements)
    }
}

@Suite struct ApplicationEscalationTests {
    let calendar = WorkCalendar(
        timeZone: TimeZone(identifier: "Asia/Jakarta")!, holidays: [CivilDay("2026-06-01")!], coveredYears: [2026])

    @Test func aLateApplicationGoesToTheAgencysHeadsThenToTheLeadership() {
        let due = jakarta("2026-06-11 09:00")  // a Thursday
        #expect(
            ApplicationClock.escalation(due: due, level: 0, now: jakarta("2026-06-11 08:59"), calendar: calendar) == (
                0, due
            ))
        let first = ApplicationClock.escalation(
            due: due, level: 0, now: jakarta("2026-06-11 09:00"), calendar: calendar)
        #expect(first.level == 1)
        // Three working days later: Tuesday 16 June 09:00 (the weekend does not count).
        #expect(first.next == jakarta("2026-06-16 09:00"))
        #expect(
            ApplicationClock.escalation(due: due, level: 1, now: jakarta("2026-06-15 10:00"), calendar: calendar).level
                == 1)
        let second = ApplicationClock.escalation(
            due: due, level: 1, now: jakarta("2026-06-16 09:00"), calendar: calendar)
        #expect(second.level == 2 && second.next == nil)
        // A sweep that missed days goes straight to the leadership.
        #expect(
            ApplicationClock.escalation(due: due, level: 0, now: jakarta("2026-06-20 09:00"), calendar: calendar).level
                == 2)
    }
}
