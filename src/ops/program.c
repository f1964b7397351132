/*
 * Running a program that delivers a message (program.h): the mail program,
 * the text-message command.
 *
 * It is started with posix_spawnp() from the configured command split into
 * words: no shell ever reads that line.  Its standard input is a pipe
 * carrying the message; its output and errors share a second pipe, whose
 * first CAPTURE_BYTES are kept so that its first line can become the
 * error kept on the message.  Both pipes are served by one poll() loop,
 * so a program that talks a lot before it reads cannot deadlock us, and
 * one that never finishes is killed after the seconds it was given (the
 * config's sendmail_timeout).  The loop wakes at least ten times a second
 * and calls the caller's tick, so that a screen can stay alive.  SIGPIPE
 * is ignored while the message is written (a program that stops reading is
 * an error to report, not a reason to die) and restored afterwards; the
 * child starts with default signal handling and nothing blocked.
 */
#include <frontdesk/confirm.h>
#include <frontdesk/program.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define CAPTURE_BYTES 2048

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_flags(int fd, int fd_flags, int status_flags)
{
    if (fd_flags)
        fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | fd_flags);
    if (status_flags)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | status_flags);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* The first non-blank line of what sendmail said, cleaned for one line. */
static void first_line(const char *captured, char *out, size_t size)
{
    const char *p = captured + strspn(captured, " \t\r\n");
    size_t length = strcspn(p, "\r\n");
    if (length >= size)
        length = size - 1;
    memcpy(out, p, length);
    out[length] = '\0';
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = ' ';
    while (length > 0 && out[length - 1] == ' ')
        out[--length] = '\0';
}

/* A running sendmail: what is left to write and what it has said. */
struct exchange {
    pid_t pid;
    int input;  /* our end of its standard input, -1 once closed */
    int output; /* our end of its output and errors, -1 once closed */
    const char *message;
    size_t length, written;
    int write_error; /* errno of a failed write (EPIPE: it stopped reading) */
    char captured[CAPTURE_BYTES];
    size_t captured_length;
    int timeout_seconds;
    void (*tick)(void *data);
    void *tick_data;
    bool exited, timed_out;
    int status;
};

static void exchange_write(struct exchange *x)
{
    ssize_t n = write(x->input, x->message + x->written, x->length - x->written);
    if (n > 0)
        x->written += (size_t)n;
    else if (n < 0 && errno != EAGAIN && errno != EINTR)
        x->write_error = errno;
    if (x->written == x->length || x->write_error)
        close_fd(&x->input);
}

/* Reads what is there; keeps the first CAPTURE_BYTES, drains the rest. */
static void exchange_read(struct exchange *x)
{
    char chunk[512];
    ssize_t n;
    while ((n = read(x->output, chunk, sizeof chunk)) > 0) {
        size_t room = sizeof x->captured - 1 - x->captured_length;
        size_t take = (size_t)n < room ? (size_t)n : room;
        memcpy(x->captured + x->captured_length, chunk, take);
        x->captured_length += take;
        x->captured[x->captured_length] = '\0';
    }
    if (n == 0 || (errno != EAGAIN && errno != EINTR))
        close_fd(&x->output);
}

/* Feeds the message and collects the output until sendmail exits (and has
 * been fed) or the time is up; never blocks on a silent or stuck child. */
static void exchange_run(struct exchange *x)
{
    double deadline = seconds_now() + x->timeout_seconds;
    for (;;) {
        struct pollfd fds[2];
        nfds_t n = 0;
        if (x->input >= 0)
            fds[n++] = (struct pollfd){.fd = x->input, .events = POLLOUT};
        if (x->output >= 0)
            fds[n++] = (struct pollfd){.fd = x->output, .events = POLLIN};
        int ready = poll(n ? fds : NULL, n, n ? 100 : 10);
        if (x->tick)
            x->tick(x->tick_data);
        for (nfds_t i = 0; ready > 0 && i < n; i++) {
            if (!fds[i].revents)
                continue;
            if (fds[i].fd == x->input)
                exchange_write(x);
            else
                exchange_read(x);
        }
        if (!x->exited && waitpid(x->pid, &x->status, WNOHANG) == x->pid)
            x->exited = true;
        if (x->exited && x->input < 0) {
            if (x->output >= 0)
                exchange_read(x); /* whatever it wrote before exiting */
            return;
        }
        if (seconds_now() > deadline) {
            /* The whole group: a script's own children (a curl to the SMS
             * gateway) must not deliver after it was recorded failed. */
            kill(-x->pid, SIGKILL);
            kill(x->pid, SIGKILL);
            x->timed_out = true;
            return;
        }
    }
}

bool program_run(const struct program_call *call, char *error, size_t size)
{
    char *const *argv = call->argv;
    const char *message = call->input;
    const char *name = call->name;
    int timeout_seconds = call->timeout_seconds;
    int input[2] = {-1, -1}, output[2] = {-1, -1};
    if (pipe(input) < 0 || pipe(output) < 0) {
        snprintf(error, size, "%s: cannot make a pipe: %s", name, strerror(errno));
        close_fd(&input[0]);
        close_fd(&input[1]);
        return false;
    }
    for (int i = 0; i < 2; i++) {
        set_flags(input[i], FD_CLOEXEC, 0);
        set_flags(output[i], FD_CLOEXEC, 0);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDERR_FILENO);
    /* The child starts with default signals and none blocked, whatever
     * the interface has set up for itself. */
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults, unblocked;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigemptyset(&unblocked);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &unblocked);
    /* A process group of its own, so that a timeout stops everything it
     * started. */
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
                                              POSIX_SPAWN_SETPGROUP);

    /* A sendmail that stops reading must be an error, not our death. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, previous;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous);

    struct exchange x = {.input = input[1],
                         .output = output[0],
                         .message = message,
                         .timeout_seconds = timeout_seconds,
                         .tick = call->tick,
                         .tick_data = call->tick_data};
    x.length = strlen(message);
    int spawned = posix_spawnp(&x.pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close_fd(&input[0]);
    close_fd(&output[1]);
    if (spawned != 0) {
        close_fd(&x.input);
        close_fd(&x.output);
        sigaction(SIGPIPE, &previous, NULL);
        snprintf(error, size, "%s: cannot start \"%s\": %s", name, argv[0], strerror(spawned));
        return false;
    }
    set_flags(x.input, 0, O_NONBLOCK);
    set_flags(x.output, 0, O_NONBLOCK);
    exchange_run(&x);
    close_fd(&x.input);
    close_fd(&x.output);
    while (!x.exited && waitpid(x.pid, &x.status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGPIPE, &previous, NULL);

    char said[300];
    first_line(x.captured, said, sizeof said);
    const char *colon = said[0] ? ": " : "";
    if (x.timed_out)
        snprintf(error, size, "%s did not finish within %d second%s and was stopped%s%s", name,
                 timeout_seconds, timeout_seconds == 1 ? "" : "s", colon, said);
    else if (WIFSIGNALED(x.status))
        snprintf(error, size, "%s was killed by signal %d%s%s", name, WTERMSIG(x.status), colon,
                 said);
    else if (WIFEXITED(x.status) && WEXITSTATUS(x.status) != 0)
        snprintf(error, size, "%s exited with status %d%s%s", name, WEXITSTATUS(x.status), colon,
                 said);
    else if (x.write_error)
        snprintf(error, size, "%s stopped reading the message: %s%s%s", name,
                 strerror(x.write_error), colon, said);
    else
        return true;
    return false;
}

bool confirm_sendmail(char *const argv[], const char *message, int timeout_seconds, char *error,
                      size_t size)
{
    struct program_call call = {
        .argv = argv, .input = message, .timeout_seconds = timeout_seconds, .name = "sendmail"};
    return program_run(&call, error, size);
}
