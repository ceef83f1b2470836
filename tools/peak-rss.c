/* tools/peak-rss.c -- run a command and report its peak resident set size.
 *
 * Usage: peak-rss [-o FILE] COMMAND [ARG...]
 *
 * Runs COMMAND (looked up on PATH) as a child process, waits for it with
 * wait4 and prints the child's peak RSS (ru_maxrss) in kilobytes, alone on
 * one line, on stderr, or into FILE with -o (so the command's own output
 * stays untouched).  The exit status is the command's: its exit code, or
 * 128 + the signal number if a signal killed it; 127 if it could not be
 * started, 2 on a usage error.
 *
 * ru_maxrss is the high-water mark of the process's resident memory as
 * the kernel accounted it (in kilobytes on Linux).  It covers only the
 * child itself, not processes it starts in turn: measure `as` directly,
 * not a shell around it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(void)
{
    fputs("usage: peak-rss [-o FILE] COMMAND [ARG...]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *report = NULL;
    int first = 1;

    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-o") == 0 && first + 1 < argc) {
            report = argv[first + 1];
            first += 2;
        } else if (strcmp(argv[first], "--") == 0) {
            first++;
            break;
        } else {
            usage();
        }
    }
    if (first >= argc)
        usage();

    pid_t pid = fork();
    if (pid < 0) {
        perror("peak-rss: fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[first], argv + first);
        fprintf(stderr, "peak-rss: cannot run %s: %s\n", argv[first], strerror(errno));
        _exit(127);
    }

    int status;
    struct rusage usage_info;
    pid_t done;
    do {
        done = wait4(pid, &status, 0, &usage_info);
    } while (done < 0 && errno == EINTR);
    if (done < 0) {
        perror("peak-rss: wait4");
        return 127;
    }

    FILE *out = stderr;
    if (report != NULL) {
        out = fopen(report, "w");
        if (out == NULL) {
            fprintf(stderr, "peak-rss: cannot write %s: %s\n", report, strerror(errno));
            return 127;
        }
    }
    fprintf(out, "%ld\n", usage_info.ru_maxrss);
    if (out != stderr && fclose(out) != 0) {
        fprintf(stderr, "peak-rss: cannot write %s: %s\n", report, strerror(errno));
        return 127;
    }

    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 127;
}
