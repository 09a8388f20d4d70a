package dev.baton.runner.merge;

import dev.baton.runner.merge.MergeException.Reason;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.TestRepos;
import dev.baton.runner.workspace.WorkspaceBase;
import dev.baton.runner.workspace.WorkspaceManager;
import dev.baton.runner.workspace.WorkspaceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pull requests against a fake GitHub whose repositories are bare repositories in {@code <temp>/github}: the
 * project's origin is {@code <temp>/github/o/r.git}, which GitHub knows as {@code o/r}.
 */
class PullRequestOpenerTest {

    private static final String TOKEN = "ghp_pUllR3qu3stT0ken";
    private static final String BRANCH = "baton/t1/a1";

    @TempDir
    Path temp;

    Path checkout;
    Path remote;
    GitCli git = new GitCli("git", Duration.ofSeconds(30));
    WorkspaceManager workspaces;
    ProjectRepository project;
    FakeGitHub github;
    String agentCommit;
    /** What this package logs; kept in a field, as the logging system holds its loggers weakly. */
    Logger log = Logger.getLogger(PullRequestOpener.class.getPackageName());
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        log.addHandler(capture);
        checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n"));
        remote = temp.resolve("github/o/r.git");
        TestRepos.bareRemote(checkout, remote);
        git(checkout, "remote", "add", "origin", remote.toString());
        workspaces = new WorkspaceManager(temp.resolve("data"), git, Clock.systemUTC());
        project = ProjectRepository.local("p1", checkout);
        agentCommit = attempt(project);
        github = new FakeGitHub(temp.resolve("github"), TOKEN);
    }

    @AfterEach
    void tearDown() {
        github.close();
        log.removeHandler(capture);
        assertThat(logged).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void pushesTheBranchAndOpensAPullRequest() {
        PullRequest pullRequest = opener(TOKEN).open(request(project));

        assertThat(pullRequest).isEqualTo(new PullRequest(1, "https://github.com/o/r/pull/1", false));
        assertThat(head(remote, BRANCH)).isEqualTo(agentCommit);
        assertThat(github.pulls()).singleElement().satisfies(pull -> {
            assertThat(pull.path("head").path("ref").asText()).isEqualTo(BRANCH);
            assertThat(pull.path("base").path("ref").asText()).isEqualTo("main");
            assertThat(pull.path("title").asText()).isEqualTo("Add the agent's file");
            assertThat(pull.path("body").asText()).isEqualTo("Made by Baton for task t1.");
        });
        assertThat(github.received()).containsExactly(new FakeGitHub.Received("POST", "/repos/o/r/pulls", true));
        assertThat(logged).containsExactly("pull request 1 of baton/t1/a1 into main: https://github.com/o/r/pull/1");
    }

    @Test
    void approvingAgainAnswersThePullRequestAlreadyOpen() {
        PullRequest first = opener(TOKEN).open(request(project));

        PullRequest again = opener(TOKEN).open(request(project));

        assertThat(again).isEqualTo(new PullRequest(first.number(), first.url(), true));
        assertThat(github.pulls()).hasSize(1);
        assertThat(github.received()).last()
                .isEqualTo(new FakeGitHub.Received("GET",
                        "/repos/o/r/pulls?head=o%3Abaton%2Ft1%2Fa1&base=main&state=open", true));
    }

    @Test
    void aRemoteProjectPushesFromBatonsClone() {
        ProjectRepository remoteProject = ProjectRepository.remote("p2", remote.toUri().toString());
        String cloneCommit = attempt(remoteProject, "t2", "a2");

        PullRequest pullRequest = opener(TOKEN).open(new NewPullRequest(remoteProject, "baton/t2/a2", "main",
                "From the clone", null));

        assertThat(pullRequest.url()).isEqualTo("https://github.com/o/r/pull/1");
        assertThat(head(remote, "baton/t2/a2")).isEqualTo(cloneCommit);
        assertThat(github.pulls()).singleElement()
                .satisfies(pull -> assertThat(pull.path("body").asText()).isEmpty());
    }

    @Test
    void withoutATokenNothingIsPushedOrAsked() {
        for (String token : new String[] {null, " "}) {
            MergeException e = failure(opener(token), request(project));

            assertThat(e.reason()).isEqualTo(Reason.NO_TOKEN);
            assertThat(e.getMessage()).startsWith("no GitHub token is configured: set baton.github.token");
        }
        assertThat(TestRepos.branchExists(remote, BRANCH)).isFalse();
        assertThat(github.received()).isEmpty();
    }

    @Test
    void aTokenGitHubRefusesIsReportedWithoutShowingIt() {
        String wrong = "ghp_wr0ngT0ken";

        MergeException e = failure(opener(wrong), request(project));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_UNAUTHORIZED);
        assertThat(e.getMessage()).isEqualTo("GitHub refused the token (Bad credentials): set a valid token in"
                + " baton.github.token");
        assertNoToken(e, wrong);
        assertThat(github.received()).singleElement().satisfies(request -> assertThat(request.authorized()).isFalse());
    }

    @Test
    void aRepositoryGitHubDoesNotShowIsReported() {
        Path unknown = temp.resolve("elsewhere/o/private.git");
        TestRepos.bareRemote(checkout, unknown);
        git(checkout, "remote", "set-url", "origin", unknown.toString());

        MergeException e = failure(opener(TOKEN), request(project));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("GitHub has no repository o/private that the token can see: check the"
                + " project's remote and that the token has access to it");
        assertNoToken(e, TOKEN);
    }

    @Test
    void aHeadBranchGitHubDoesNotHaveIsReported() {
        Path fork = temp.resolve("fork/o/r.git"); // pushed here, while GitHub's o/r never gets the branch
        TestRepos.bareRemote(checkout, fork);
        git(checkout, "remote", "set-url", "origin", fork.toString());

        MergeException e = failure(opener(TOKEN), request(project));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_REJECTED);
        assertThat(e.getMessage()).isEqualTo("GitHub has no branch baton/t1/a1 in o/r to open a pull request from:"
                + " check that the project's remote is that GitHub repository");
        assertThat(head(fork, BRANCH)).isEqualTo(agentCommit);
        assertNoToken(e, TOKEN);
    }

    @Test
    void aBaseBranchGitHubDoesNotHaveIsReported() {
        MergeException e = failure(opener(TOKEN), new NewPullRequest(project, BRANCH,
                "develop", "title", "body"));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_REJECTED);
        assertThat(e.getMessage()).isEqualTo("GitHub has no base branch develop in o/r: check the project's target"
                + " branch");
    }

    @Test
    void anExhaustedRateLimitSaysUntilWhen() {
        Instant reset = Instant.parse("2030-01-02T03:04:05Z");
        github.exhaustRateLimit(reset);

        MergeException e = failure(opener(TOKEN), request(project));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("the token's GitHub API rate limit is used up until 2030-01-02T03:04:05Z:"
                + " approve again later");
        assertNoToken(e, TOKEN);
    }

    @Test
    void anUnreachableGitHubIsReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI api = URI.create("http://127.0.0.1:" + closedPort + "/api/v3/");
        PullRequestOpener opener = new PullRequestOpener(workspaces, git, new GitHubClient(api, TOKEN));

        MergeException e = failure(opener, request(project));

        assertThat(e.reason()).isEqualTo(Reason.GITHUB_FAILED);
        assertThat(e.getMessage()).startsWith("cannot reach GitHub at http://127.0.0.1:" + closedPort
                + "/api/v3 for POST /repos/o/r/pulls: ");
        assertNoToken(e, TOKEN);
    }

    @Test
    void aProjectWithoutOriginOrWhoseBranchCannotBePushedAsksGitHubNothing() {
        String pushToken = "s3cr3tPushT0ken";
        git(checkout, "remote", "set-url", "origin", "file://me:" + pushToken + "@localhost" + temp.resolve("missing/o/r.git"));

        MergeException pushFailure = failure(opener(TOKEN), request(project));

        assertThat(pushFailure.reason()).isEqualTo(Reason.PUSH_FAILED);
        assertThat(pushFailure.getMessage()).startsWith("cannot push baton/t1/a1 to file://***@localhost"
                + temp.resolve("missing/o/r.git") + ": git push --quiet origin");
        assertNoToken(pushFailure, pushToken);

        git(checkout, "remote", "remove", "origin");
        MergeException noOrigin = failure(opener(TOKEN), request(project));

        assertThat(noOrigin.reason()).isEqualTo(Reason.NO_GITHUB_REMOTE);
        assertThat(noOrigin.getMessage()).isEqualTo(checkout + " has no remote named origin to push baton/t1/a1 to:"
                + " add the GitHub repository as origin");
        assertThat(github.received()).isEmpty();
    }

    @Test
    void aBranchThatDoesNotExistIsNotPushed() {
        MergeException e = failure(opener(TOKEN), new NewPullRequest(project, "baton/t9/a9",
                "main", "title", "body"));

        assertThat(e.reason()).isEqualTo(Reason.NO_BRANCH);
        assertThat(e.getMessage()).isEqualTo("branch baton/t9/a9 does not exist in " + checkout);
        assertThat(github.received()).isEmpty();
    }

    /** Opens the pull request, which must fail, and answers why. */
    private static MergeException failure(PullRequestOpener opener, NewPullRequest request) {
        return catchThrowableOfType(MergeException.class, () -> opener.open(request));
    }

    private PullRequestOpener opener(String token) {
        return new PullRequestOpener(workspaces, git, new GitHubClient(github.apiUrl(), token));
    }

    private NewPullRequest request(ProjectRepository project) {
        return new NewPullRequest(project, BRANCH, "main", "Add the agent's file", "Made by Baton for task t1.");
    }

    private String attempt(ProjectRepository project) {
        return attempt(project, "t1", "a1");
    }

    private String attempt(ProjectRepository project, String taskId, String attemptId) {
        Path workspace = workspaces.create(new WorkspaceRequest(project, taskId, attemptId, WorkspaceBase.branch("main")))
                .path();
        TestRepos.write(workspace, Map.of("agent.txt", "the agent's work in " + attemptId + "\n"));
        TestRepos.commitAll(workspace, "the agent's work");
        return head(workspace, "HEAD");
    }

    /** Neither the exception nor any cause or suppressed one shows the token. */
    private static void assertNoToken(Throwable failure, String token) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
            for (Throwable suppressed : t.getSuppressed()) {
                assertNoToken(suppressed, token);
            }
        }
    }
}
