/*
 * runtime/host/files.c - whole-file I/O and the file system (libc).
 *
 * In:  paths and contents as Zoot strings.
 * Out: the platform's file reading and writing for runtime/files.c
 *      (which makes %read-file, %write-file and their byte twins of
 *      them), %file-exists?, %delete-file (#t/#f).
 *
 * Why it exists: the language reads whole source files and writes whole
 * output files; anything finer is Zoot code.  As in the bootstrap, any
 * failure, a bad argument included, is reported as #f rather than an
 * error, and files are UTF-8 with '?' for invalid bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../zrt.h"

/* The path as a C string, or NULL (not a string, or it holds a NUL). */
static char *c_path(zval path)
{
	size_t n;
	char *p;

	if (!IS_STRING(path))
		return NULL;
	p = zrt_string_to_utf8(path, &n);
	if (p && strlen(p) != n) {
		free(p);
		return NULL;
	}
	return p;
}

/* The whole contents of FD in a malloc'ed buffer, or NULL. */
static char *slurp(int fd, size_t *n)
{
	struct stat st;
	size_t cap = 65536, len = 0;
	char *buf;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size + 1 > cap)
		cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	while (buf) {
		ssize_t k;

		if (len == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		k = read(fd, buf + len, cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		if (k == 0) {
			*n = len;
			return buf;
		}
		len += (size_t)k;
	}
	free(buf);
	return NULL;
}

/* The platform's file reading and writing, for runtime/files.c. */
char *zrt_platform_file_bytes(zval path, size_t *n)
{
	char *p = c_path(path), *bytes;
	int fd;

	if (!p)
		return NULL;
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	if (fd < 0)
		return NULL;
	bytes = slurp(fd, n);
	close(fd);
	return bytes;
}

/* The file PATH names made to hold the N bytes at DATA (freed here,
 * which may be NULL after a failed conversion): 1 on success, else 0. */
int zrt_platform_write_file(zval path, char *data, size_t n)
{
	char *p = c_path(path);
	size_t done = 0;
	int fd, ok;

	fd = p && data ? open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666) : -1;
	free(p);
	if (fd < 0) {
		free(data);
		return 0;
	}
	while (done < n) {
		ssize_t k = write(fd, data + done, n - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	ok = done == n;
	if (close(fd) != 0)
		ok = 0;
	free(data);
	return ok;
}

zval zp_file_exists(zval path)
{
	char *p = c_path(path);
	struct stat st;
	int ok;

	if (!p)
		return ZFALSE;
	ok = stat(p, &st) == 0;
	free(p);
	return ZBOOL(ok);
}

zval zp_delete_file(zval path)
{
	char *p = c_path(path);
	int ok;

	if (!p)
		return ZFALSE;
	ok = unlink(p) == 0;
	free(p);
	return ZBOOL(ok);
}
