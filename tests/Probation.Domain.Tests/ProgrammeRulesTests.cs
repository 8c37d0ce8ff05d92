using Probation.Domain.Cases;
using Probation.Domain.Common;
using Probation.Domain.Organisation;
using Probation.Domain.Programmes;
using Probation.Domain.Supervision;

namespace Probation.Domain.Tests;

/// <summary>Accredited programmes: the referral's transition table, groups and their capacity, attendance, and the waiting figures.</summary>
public sealed class ProgrammeRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static ProgrammeReferral Referral(ReferralStatus status, AccreditedProgramme programme = AccreditedProgramme.BuildingBetterRelationships) => new()
    {
        Id = 1,
        PersonId = 1,
        Programme = programme,
        ReferredOn = Today.AddDays(-20),
        ReferredBy = "po",
        Status = status,
        StatusChangedOn = Today.AddDays(-10),
    };

    private static ProgrammeGroup Group(int capacity = 4, GroupTime time = GroupTime.Day) => new()
    {
        Id = 7,
        Programme = AccreditedProgramme.BuildingBetterRelationships,
        SiteId = 1,
        Time = time,
        StartDate = Today.AddDays(5),
        Capacity = capacity,
        CreatedBy = "programmes",
    };

    [Theory]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.AwaitingAssessment, true)]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.AssessedSuitable, false)]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.OnWaitingList, false)]
    [InlineData(ReferralStatus.AwaitingAssessment, ReferralStatus.AssessedSuitable, true)]
    [InlineData(ReferralStatus.AwaitingAssessment, ReferralStatus.OnWaitingList, false)]
    [InlineData(ReferralStatus.AssessedSuitable, ReferralStatus.OnWaitingList, true)]
    [InlineData(ReferralStatus.SuitableNotReady, ReferralStatus.OnWaitingList, false)]
    [InlineData(ReferralStatus.SuitableNotReady, ReferralStatus.AssessedSuitable, true)]
    [InlineData(ReferralStatus.OnWaitingList, ReferralStatus.SuitableNotReady, true)]
    [InlineData(ReferralStatus.OnWaitingList, ReferralStatus.Completed, false)]
    [InlineData(ReferralStatus.OnProgramme, ReferralStatus.Completed, true)]
    [InlineData(ReferralStatus.OnProgramme, ReferralStatus.Withdrawn, false)]
    [InlineData(ReferralStatus.Completed, ReferralStatus.OnWaitingList, false)]
    [InlineData(ReferralStatus.Withdrawn, ReferralStatus.AwaitingAssessment, false)]
    [InlineData(ReferralStatus.NotSuitable, ReferralStatus.AssessedSuitable, false)]
    public void Move_FollowsTheTransitionTable(ReferralStatus from, ReferralStatus to, bool allowed)
    {
        var refusal = ProgrammeRules.Move(Referral(from), to, Today, "A reason in words", Today);
        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Equal("Status", refusal!.Field);
        }
    }

    [Fact]
    public void Move_ToOnProgramme_IsOnlyByJoiningAGroup()
    {
        var refusal = ProgrammeRules.Move(Referral(ReferralStatus.OnWaitingList), ReferralStatus.OnProgramme, Today, null, Today);
        Assert.Equal("Status", refusal!.Field);
        Assert.Contains("joining a group", refusal.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReferralStatus.AwaitingAssessment, ReferralStatus.NotSuitable)]
    [InlineData(ReferralStatus.AwaitingAssessment, ReferralStatus.SuitableNotReady)]
    [InlineData(ReferralStatus.OnWaitingList, ReferralStatus.Withdrawn)]
    [InlineData(ReferralStatus.OnProgramme, ReferralStatus.NotCompleted)]
    public void Move_ThatNeedsAReason_IsRefusedWithoutOne(ReferralStatus from, ReferralStatus to)
    {
        Assert.Equal("Reason", ProgrammeRules.Move(Referral(from), to, Today, "  ", Today)!.Field);
        Assert.Null(ProgrammeRules.Move(Referral(from), to, Today, "Moved out of the area", Today));
    }

    [Fact]
    public void Move_InTheFuture_OrBeforeTheLastChange_IsRefused()
    {
        Assert.Equal("On", ProgrammeRules.Move(Referral(ReferralStatus.Submitted), ReferralStatus.AwaitingAssessment, Today.AddDays(1), null, Today)!.Field);
        Assert.Equal("On", ProgrammeRules.Move(Referral(ReferralStatus.Submitted), ReferralStatus.AwaitingAssessment, Today.AddDays(-11), null, Today)!.Field);
        Assert.Null(ProgrammeRules.Move(Referral(ReferralStatus.Submitted), ReferralStatus.AwaitingAssessment, Today.AddDays(-10), null, Today));
    }

    [Fact]
    public void Apply_RecordsTheAssessmentAndWaitingDates()
    {
        var r = Referral(ReferralStatus.AwaitingAssessment);
        ProgrammeRules.Apply(r, ReferralStatus.AssessedSuitable, Today.AddDays(-5), null);
        ProgrammeRules.Apply(r, ReferralStatus.OnWaitingList, Today.AddDays(-4), null);
        Assert.Equal(Today.AddDays(-5), r.AssessedOn);
        Assert.Equal(Today.AddDays(-4), r.WaitingSince);
        Assert.Equal(ReferralStatus.OnWaitingList, r.Status);
    }

    [Fact]
    public void Join_OnlyFromTheWaitingList_AndNeverOverCapacity()
    {
        var group = Group(capacity: 4);
        Assert.Equal("ReferralId", ProgrammeRules.Join(Referral(ReferralStatus.AssessedSuitable), group, Today)!.Field);
        Assert.Equal("ReferralId", ProgrammeRules.Join(Referral(ReferralStatus.SuitableNotReady), group, Today)!.Field);
        Assert.Equal("ReferralId", ProgrammeRules.Join(Referral(ReferralStatus.OnWaitingList, AccreditedProgramme.Resolve), group, Today)!.Field);
        for (var i = 0; i < 4; i++)
        {
            var r = Referral(ReferralStatus.OnWaitingList);
            Assert.Null(ProgrammeRules.Join(r, group, Today));
            ProgrammeRules.ApplyJoin(r, group, Today);
            Assert.Equal(group.StartDate, r.StartedOn);
        }

        var fifth = ProgrammeRules.Join(Referral(ReferralStatus.OnWaitingList), group, Today);
        Assert.Equal("GroupId", fifth!.Field);
        Assert.Contains("all 4 places are taken", fifth.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_AGroupAlreadyRunning_StartsToday_AndAFinishedGroupIsRefused()
    {
        var group = Group();
        group.StartDate = Today.AddDays(-14);
        group.Sessions.Add(new ProgrammeSession { On = Today.AddDays(7), StartsAt = new TimeOnly(9, 30), EndsAt = new TimeOnly(12, 0) });
        var r = Referral(ReferralStatus.OnWaitingList);
        ProgrammeRules.ApplyJoin(r, group, Today);
        Assert.Equal(Today, r.StartedOn);
        Assert.Equal("GroupId", ProgrammeRules.Join(Referral(ReferralStatus.OnWaitingList), group, Today.AddDays(8))!.Field);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void Group_CapacityRange(int capacity, bool allowed)
    {
        var site = new Site { Id = 1, Code = "DC-STO", Name = "Stockton District Centre", Kind = SiteKind.DistrictCentre, Address = new Address { Line1 = "1", Town = "Stockton", Postcode = "TS18 1TW" } };
        var tutor = new StaffMember { Id = 3, StaffCode = "T", FirstName = "A", LastName = "B", Grade = StaffGrade.ProgrammeTutor };
        Assert.Equal(allowed, ProgrammeRules.Group(AccreditedProgramme.Resolve, site, GroupTime.Evening, Today, capacity, [tutor], Today) is null);
    }

    [Fact]
    public void Group_AtAHub_OrWithAFacilitatorWhoIsNotATutor_IsRefused()
    {
        var hub = new Site { Id = 2, Code = "HUB01", Name = "Hub", Kind = SiteKind.CommunityHub, Address = new Address { Line1 = "1", Town = "Stockton", Postcode = "TS18 1TW" } };
        var centre = new Site { Id = 1, Code = "DC-DUR", Name = "Durham District Centre", Kind = SiteKind.DistrictCentre, Address = new Address { Line1 = "1", Town = "Durham", Postcode = "DH1 5SU" } };
        var tutor = new StaffMember { Id = 3, StaffCode = "T", FirstName = "A", LastName = "B", Grade = StaffGrade.ProgrammeTutor };
        var officer = new StaffMember { Id = 4, StaffCode = "P", FirstName = "C", LastName = "D", Grade = StaffGrade.ProbationOfficer };
        Assert.Equal("SiteId", ProgrammeRules.Group(AccreditedProgramme.Resolve, hub, GroupTime.Day, Today, 10, [tutor], Today)!.Field);
        Assert.Equal("Facilitators", ProgrammeRules.Group(AccreditedProgramme.Resolve, centre, GroupTime.Day, Today, 10, [tutor, officer], Today)!.Field);
        Assert.Equal("Facilitators", ProgrammeRules.Group(AccreditedProgramme.Resolve, centre, GroupTime.Day, Today, 10, [], Today)!.Field);
        Assert.Null(ProgrammeRules.Group(AccreditedProgramme.Resolve, centre, GroupTime.Day, Today, 10, [tutor], Today));
    }

    [Fact]
    public void Session_KeepsToTheGroupsDayOrEveningSlot()
    {
        var evening = Group(time: GroupTime.Evening);
        Assert.Equal("StartsAt", ProgrammeRules.Session(evening, evening.StartDate, new TimeOnly(10, 0), new TimeOnly(12, 0))!.Field);
        Assert.Null(ProgrammeRules.Session(evening, evening.StartDate, new TimeOnly(18, 0), new TimeOnly(20, 30)));
        var day = Group(time: GroupTime.Day);
        Assert.Equal("EndsAt", ProgrammeRules.Session(day, day.StartDate, new TimeOnly(15, 0), new TimeOnly(18, 0))!.Field);
        Assert.Equal("On", ProgrammeRules.Session(day, day.StartDate.AddDays(-1), new TimeOnly(9, 30), new TimeOnly(12, 0))!.Field);
    }

    [Fact]
    public void Attendance_AnUnacceptableAbsenceNeedsTheJudgement()
    {
        var group = Group();
        group.StartDate = Today.AddDays(-7);
        var session = new ProgrammeSession { Id = 5, GroupId = group.Id, On = Today.AddDays(-1), StartsAt = new TimeOnly(9, 30), EndsAt = new TimeOnly(12, 0) };
        var r = Referral(ReferralStatus.OnWaitingList);
        ProgrammeRules.ApplyJoin(r, group, Today.AddDays(-7));
        Assert.Equal("DecisionReason", ProgrammeRules.Attendance(r, group, session, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable, " ", Today)!.Field);
        Assert.Equal("Decision", ProgrammeRules.Attendance(r, group, session, ContactOutcome.AttendedAndComplied, AbsenceDecision.Unacceptable, "No", Today)!.Field);
        Assert.Equal("Outcome", ProgrammeRules.Attendance(r, group, session, null, null, null, Today)!.Field);
        Assert.Null(ProgrammeRules.Attendance(r, group, session, ContactOutcome.FailedToAttend, AbsenceDecision.Unacceptable, "No contact, no reason given", Today));
        Assert.Equal("SessionId", ProgrammeRules.Attendance(r, group, session, ContactOutcome.AttendedAndComplied, null, null, Today.AddDays(-2))!.Field);
    }

    [Fact]
    public void WaitingFigures_FromRecordedReferrals_MedianMeanAndOverTheAim()
    {
        // Started after 10, 30 and 31 days; one still waiting 45 days by today.
        var waits = new[]
        {
            WaitingFigures.Of(Today.AddDays(-100), Today.AddDays(-90), Today),
            WaitingFigures.Of(Today.AddDays(-80), Today.AddDays(-50), Today),
            WaitingFigures.Of(Today.AddDays(-70), Today.AddDays(-39), Today),
            WaitingFigures.Of(Today.AddDays(-45), null, Today),
        };
        Assert.Equal([10, 30, 31, 45], waits.Select(w => w.Days));
        Assert.Equal([false, false, true, true], waits.Select(w => w.OverAim));
        var figures = WaitingFigures.From(waits);
        Assert.Equal(4, figures.Count);
        Assert.Equal(3, figures.Started);
        Assert.Equal(1, figures.StillWaiting);
        Assert.Equal(30.5, figures.MedianDays);
        Assert.Equal(29.0, figures.MeanDays);
        Assert.Equal(2, figures.OverAim);
    }

    [Fact]
    public void WaitingFigures_OddCount_MedianIsTheMiddle_AndNoneIsEmpty()
    {
        var figures = WaitingFigures.From([WaitingFigures.Of(Today.AddDays(-5), null, Today), WaitingFigures.Of(Today.AddDays(-40), null, Today), WaitingFigures.Of(Today.AddDays(-12), null, Today)]);
        Assert.Equal(12, figures.MedianDays);
        Assert.Equal(19.0, figures.MeanDays);
        Assert.Equal(1, figures.OverAim);
        var none = WaitingFigures.From([]);
        Assert.Null(none.MedianDays);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void BbrStartsInMonth_CountsOnlyThatProgrammeAndMonth()
    {
        var groups = new[]
        {
            (AccreditedProgramme.BuildingBetterRelationships, new DateOnly(2026, 11, 2)),
            (AccreditedProgramme.BuildingBetterRelationships, new DateOnly(2026, 11, 30)),
            (AccreditedProgramme.BuildingBetterRelationships, new DateOnly(2026, 12, 1)),
            (AccreditedProgramme.Resolve, new DateOnly(2026, 11, 16)),
        };
        Assert.Equal(2, ProgrammeRules.StartsInMonth(groups, AccreditedProgramme.BuildingBetterRelationships, Today));
        Assert.Equal(1, ProgrammeRules.StartsInMonth(groups, AccreditedProgramme.Resolve, Today));
    }

    [Fact]
    public void Refer_OnlyToAProgrammeRequirementOfTheCurrentOrder_OnceWhileOpen()
    {
        var requirement = new Requirement { Id = 11, Type = RequirementType.AccreditedProgramme, Programme = AccreditedProgramme.Resolve };
        var rar = new Requirement { Id = 12, Type = RequirementType.RehabilitationActivity, RarDays = 10 };
        var person = new PersonOnProbation { FirstName = "A", LastName = "B" };
        person.Orders.Add(new Order { Id = 1, Court = "Teesside", StartDate = Today.AddMonths(-2), EndDate = Today.AddMonths(10), Requirements = [requirement, rar] });
        Assert.Equal("RequirementId", ProgrammeRules.Refer(person, [], rar, Today, Today, null)!.Field);
        Assert.Equal("On", ProgrammeRules.Refer(person, [], requirement, Today.AddDays(1), Today, null)!.Field);
        Assert.Null(ProgrammeRules.Refer(person, [], requirement, Today, Today, null));
        var open = new ProgrammeReferral { RequirementId = 11, Programme = AccreditedProgramme.Resolve, ReferredBy = "po", Status = ReferralStatus.OnWaitingList };
        Assert.Equal("RequirementId", ProgrammeRules.Refer(person, [open], requirement, Today, Today, null)!.Field);
        open.Status = ReferralStatus.Withdrawn;
        Assert.Null(ProgrammeRules.Refer(person, [open], requirement, Today, Today, null));
    }
}
