/*
 * test/runtime/harness.c - the shared part of the runtime's unit tests.
 *
 * In:  the test programs' checks and the runtime's calls into "Zoot".
 * Out: counts, failure lines, and stand-ins for the Zoot side: the four
 *      error procedures' global cells and zrt_call/zrt_start.
 *
 * Why it exists: see harness.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"

int h_passed, h_failed;
struct h_error h_error;
jmp_buf h_error_jmp;
int h_error_armed;

/* The library's error procedures: distinct fake closures, so zrt_call
 * can tell which one the runtime called. */
static zval fake_closures[3][2] __attribute__((aligned(8)));
zval zl__25type_2derror, zl__25range_2derror, zl__25simple_2derror;

void h_check(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		h_passed++;
		return;
	}
	h_failed++;
	printf("FAIL %s:%d: %s\n", file, line, what);
	fflush(stdout);
}

void h_init(size_t initial, size_t max, int stress)
{
	struct zrt_heap_config config;
	zval *cells[3] = { &zl__25type_2derror, &zl__25range_2derror,
			   &zl__25simple_2derror };
	int i;

	for (i = 0; i < 3; i++) {
		fake_closures[i][0] = MAKE_HEADER(OBJ_CLOSURE, 1);
		fake_closures[i][1] = 0;
		*cells[i] = MAKE_OBJ_PTR(fake_closures[i]);
	}
	config.initial_bytes = initial;
	config.max_bytes = max;
	config.nursery_bytes = 0;
	config.stress = stress;
	config.verbose = getenv("ZOOT_GC_VERBOSE") != NULL;
	zrt_heap_init(&config);
	zrt_symbols_init();
	zrt_sites_init();
}

int h_finish(void)
{
	printf("%d passed, %d failed\n", h_passed, h_failed);
	return h_failed ? 1 : 0;
}

static void render(zval v, char *out, size_t size)
{
	if (IS_STRING(v)) {
		char *s = zrt_string_to_utf8(v, NULL);

		snprintf(out, size, "%s", s);
		free(s);
	} else if (IS_FIXNUM(v)) {
		snprintf(out, size, "%ld", (long)FIXNUM_VALUE(v));
	} else {
		snprintf(out, size, "#<%lx>", (unsigned long)v);
	}
}

zval zrt_call(zval closure, zint argc, zval *argv)
{
	static const char *names[3] = { "%type-error", "%range-error",
					"%simple-error" };
	zval cells[3] = { zl__25type_2derror, zl__25range_2derror,
			  zl__25simple_2derror };
	int i;

	h_error.proc = "?";
	for (i = 0; i < 3; i++)
		if (closure == cells[i])
			h_error.proc = names[i];
	h_error.argc = (int)argc;
	for (i = 0; i < 3; i++) {
		h_error.text[i][0] = '\0';
		h_error.args[i] = i < argc ? argv[i] : 0;
		if (i < argc)
			render(argv[i], h_error.text[i], sizeof(h_error.text[i]));
	}
	if (!h_error_armed) {
		printf("FAIL unexpected Zoot error %s: %s %s %s\n", h_error.proc,
		       h_error.text[0], h_error.text[1], h_error.text[2]);
		h_failed++;
		h_finish();
		exit(1);
	}
	h_error_armed = 0;
	longjmp(h_error_jmp, 1);
}

/* Weak: test_main.c, which runs the real main(), has its own. */
__attribute__((weak)) void zrt_start(zval *stack_top, zval entry_closure)
{
	(void)stack_top;
	(void)entry_closure;
}

zval h_str(const char *s)
{
	return zrt_string_from_cstr(s);
}

int h_str_is(zval s, const char *expected)
{
	char *got;
	int same;

	if (!IS_STRING(s))
		return 0;
	got = zrt_string_to_utf8(s, NULL);
	same = strcmp(got, expected) == 0;
	free(got);
	return same;
}

static int capture_fd = -1, saved_fd = -1;
static FILE *capture_file;
static char captured[65536];

void h_capture_start(int fd)
{
	fflush(NULL);
	capture_file = tmpfile();
	capture_fd = fd;
	saved_fd = dup(fd);
	dup2(fileno(capture_file), fd);
}

const char *h_capture_end(void)
{
	size_t n;

	zrt_host_flush_stdout();
	fflush(NULL);
	dup2(saved_fd, capture_fd);
	close(saved_fd);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

int h_in_child(void (*body)(void *), void *arg, int both, char *buf, size_t size)
{
	int fds[2], status;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (both)
			dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		body(arg);
		_exit(0);
	}
	close(fds[1]);
	h_read_all(fds[0], buf, size);
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

size_t h_read_all(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t k;

	while (n + 1 < size && (k = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)k;
	buf[n] = '\0';
	return n;
}
