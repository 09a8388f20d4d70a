package dev.baton.command.team;

import dev.baton.core.common.ErrorCode;
import dev.baton.core.team.CreateTeamCommand;
import dev.baton.core.team.RemoveTeamMemberCommand;
import dev.baton.core.team.SetTeamMemberCommand;
import dev.baton.core.team.TeamCreatedEvent;
import dev.baton.core.team.TeamMemberRemovedEvent;
import dev.baton.core.team.TeamMemberSetEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

class TeamTest {

    private static final String TEAM = "team-1";
    private static final TeamCreatedEvent CREATED = new TeamCreatedEvent(TEAM, "Platform", "ada");
    private static final TeamMemberSetEvent BOB_MEMBER = new TeamMemberSetEvent(TEAM, "bob", "member");

    private FixtureConfiguration<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
    }

    @Test
    void theCreatorIsTheFirstAdmin() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, " Platform ", "ada"))
                .expectEvents(CREATED);
        fixture.given(CREATED)
                .when(new SetTeamMemberCommand(TEAM, "bob", "member", "ada"))
                .expectEvents(BOB_MEMBER);
    }

    @Test
    void aTeamNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "", "ada"))
                .expectNoEvents().expectException(invalidField("name"));
    }

    @Test
    void anUnknownRoleIsRefused() {
        fixture.given(CREATED)
                .when(new SetTeamMemberCommand(TEAM, "bob", "owner", "ada"))
                .expectNoEvents().expectException(invalidField("role"));
    }

    @Test
    void aMemberCannotChangeMembersAndAnOutsiderIsToldTheTeamDoesNotExist() {
        fixture.given(CREATED, BOB_MEMBER)
                .when(new SetTeamMemberCommand(TEAM, "carol", "viewer", "bob"))
                .expectNoEvents().expectException(refused(ErrorCode.FORBIDDEN));
        fixture.given(CREATED, BOB_MEMBER)
                .when(new SetTeamMemberCommand(TEAM, "carol", "admin", "carol"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void settingTheSameRoleAgainChangesNothing() {
        fixture.given(CREATED, BOB_MEMBER)
                .when(new SetTeamMemberCommand(TEAM, "bob", "member", "ada"))
                .expectNoEvents().expectResultMessagePayload(1L);
    }

    @Test
    void theLastAdminCanNeitherBeDemotedNorRemoved() {
        fixture.given(CREATED, BOB_MEMBER)
                .when(new SetTeamMemberCommand(TEAM, "ada", "member", "ada"))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(CREATED, BOB_MEMBER)
                .when(new RemoveTeamMemberCommand(TEAM, "ada", "ada"))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(CREATED, new TeamMemberSetEvent(TEAM, "bob", "admin"))
                .when(new SetTeamMemberCommand(TEAM, "ada", "viewer", "ada"))
                .expectEvents(new TeamMemberSetEvent(TEAM, "ada", "viewer"));
    }

    @Test
    void aMemberMayLeaveButNotRemoveOthers() {
        fixture.given(CREATED, BOB_MEMBER)
                .when(new RemoveTeamMemberCommand(TEAM, "bob", "bob"))
                .expectEvents(new TeamMemberRemovedEvent(TEAM, "bob"));
        fixture.given(CREATED, BOB_MEMBER, new TeamMemberSetEvent(TEAM, "carol", "viewer"))
                .when(new RemoveTeamMemberCommand(TEAM, "carol", "bob"))
                .expectNoEvents().expectException(refused(ErrorCode.FORBIDDEN));
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsNotFound() {
        fixture.given(CREATED)
                .when(new RemoveTeamMemberCommand(TEAM, "bob", "ada"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }
}
