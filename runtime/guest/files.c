/*
 * runtime/guest/files.c - the guest's files: two ustar archives on two disks.
 *
 * In:  the input disk, holding a ustar archive of the files given to
 *      scripts/boot with --in (and its standard input); the output disk,
 *      empty at boot; paths and contents from the library.
 * Out: the platform's file reading and writing for runtime/files.c,
 *      %file-exists?, %delete-file with the
 *      behaviour of runtime/host/files.c (any failure is #f); the bytes
 *      of standard input for console.c; the output disk as a ustar
 *      archive that scripts/boot unpacks with tar.
 *
 * Why it exists: a guest has no file system, but programs (the compiler
 * above all) read and write files.  The ustar format (POSIX.1, "pax
 * interchange format" without the extensions) is the simplest one that
 * tar reads and writes everywhere: a 512-byte header per member (name,
 * size in octal, type, a checksum of the header's bytes, a "ustar"
 * magic), then the contents padded to 512 bytes, and two zero blocks at
 * the end.  Names longer than 100 bytes are split at a '/' into the
 * 155-byte prefix field and the name field.
 *
 * The guest's view of files.  There is one directory tree, rooted at the
 * guest's working directory "/": a path is made absolute and cleaned
 * ("a//./b/../c" is "a/c"), so "x", "./x" and "/x" are the same file,
 * and an archive member "tmp/x" (tar strips the leading '/') is opened
 * as "/tmp/x".  A file can be created only in a directory that exists:
 * the root, /tmp (which exists on every Unix), and every directory the
 * input archive holds or implies.  That is what makes a program behave
 * as hosted, e.g. failing to create a file in a missing directory.
 *
 * The output disk is written as an append-only archive: each %write-file
 * appends a member followed by the end-of-archive blocks (overwritten by
 * the next member), so whatever has been written survives the guest
 * stopping at any point.  Replacing or deleting a file renames its old
 * member to ".zoot-deleted", which scripts/boot tells tar to skip; the
 * size field stays, so the archive still parses.  Files the guest wrote
 * are read back from the output disk.  Reserved names, never shown to
 * programs: ".zoot-stdin" (input: standard input), ".zoot-deleted" and
 * ".zoot-status" (output: an exit status of 128 or more, which the
 * loader's exit code cannot carry; see os.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define BLOCK 512u
#define STDIN_NAME ".zoot-stdin"
#define DELETED_NAME ".zoot-deleted"
#define STATUS_NAME ".zoot-status"

struct file {
	char *path;		/* clean, relative to the root; "" is the root */
	int dir;
	struct zrt_disk *disk;	/* NULL for the directories that always exist */
	uint64_t header;	/* offset of the member's header on the disk */
	uint64_t size;
	int gone;		/* deleted or replaced */
};

static struct file *files;
static size_t nfiles, capacity;
static int scanned;
static int have_stdin;
static uint64_t stdin_at, stdin_size;
static uint64_t out_end;	/* where the next output member goes */

static uint64_t round_block(uint64_t n)
{
	return (n + BLOCK - 1) / BLOCK * BLOCK;
}

/* ---- Paths ------------------------------------------------------------ */

/* The clean form of the N bytes at IN (see the top), malloc'ed. */
static char *clean_path(const char *in, size_t n)
{
	char *out = malloc(n + 1);
	size_t len = 0, i = 0;

	if (!out)
		return NULL;
	while (i < n) {
		size_t start, k;

		while (i < n && in[i] == '/')
			i++;
		start = i;
		while (i < n && in[i] != '/')
			i++;
		k = i - start;
		if (k == 0 || (k == 1 && in[start] == '.'))
			continue;
		if (k == 2 && in[start] == '.' && in[start + 1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;	/* the '/' before it */
			continue;
		}
		if (len > 0)
			out[len++] = '/';
		memcpy(out + len, in + start, k);
		len += k;
	}
	out[len] = '\0';
	return out;
}

static char *last_slash(char *p)
{
	char *slash = NULL;

	for (; *p; p++) {
		if (*p == '/')
			slash = p;
	}
	return slash;
}

/* A Zoot string as a clean path, or NULL (not a string, holds a NUL). */
static char *zoot_path(zval path)
{
	size_t n;
	char *p, *c;

	if (!IS_STRING(path))
		return NULL;
	p = zrt_string_to_utf8(path, &n);
	if (!p)
		return NULL;
	c = strlen(p) == n ? clean_path(p, n) : NULL;
	free(p);
	return c;
}

/* ---- The table of files ----------------------------------------------- */

/* The newest file of that path still there. */
static struct file *find(const char *path)
{
	size_t i;

	for (i = nfiles; i-- > 0;) {
		if (!files[i].gone && strcmp(files[i].path, path) == 0)
			return &files[i];
	}
	return NULL;
}

static struct file *add(char *path, int dir, struct zrt_disk *disk, uint64_t header, uint64_t size)
{
	struct file *f;

	if (nfiles == capacity) {
		size_t more = capacity ? capacity * 2 : 64;
		struct file *bigger = realloc(files, more * sizeof(*files));

		if (!bigger)
			zrt_fatal("out of memory (file table)");
		files = bigger;
		capacity = more;
	}
	f = &files[nfiles++];
	f->path = path;
	f->dir = dir;
	f->disk = disk;
	f->header = header;
	f->size = size;
	f->gone = 0;
	return f;
}

static void add_dir(const char *path, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		zrt_fatal("out of memory (file table)");
	memcpy(p, path, n);
	p[n] = '\0';
	if (find(p))
		free(p);
	else
		add(p, 1, NULL, 0, 0);
}

/* Every directory above PATH exists. */
static void add_parents(const char *path)
{
	const char *s;

	for (s = path; *s; s++) {
		if (*s == '/')
			add_dir(path, (size_t)(s - path));
	}
}

/* ---- ustar headers ---------------------------------------------------- */

static uint64_t octal(const unsigned char *field, size_t n)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < n && field[i] == ' ')
		i++;
	for (; i < n && field[i] >= '0' && field[i] <= '7'; i++)
		v = v * 8 + (uint64_t)(field[i] - '0');
	return v;
}

static void put_octal(unsigned char *field, size_t n, uint64_t v)
{
	size_t i;

	field[n - 1] = '\0';
	for (i = n - 1; i-- > 0;) {
		field[i] = (unsigned char)('0' + (v & 7));
		v >>= 3;
	}
}

static unsigned checksum(const unsigned char *h)
{
	unsigned sum = 0, i;

	for (i = 0; i < BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return sum;
}

/* A field of N bytes, NUL-terminated only when shorter. */
static size_t field_length(const unsigned char *field, size_t n)
{
	size_t k = 0;

	while (k < n && field[k])
		k++;
	return k;
}

/* A regular-file header for NAME (split into prefix and name when longer
 * than 100 bytes); 0, or -1 when the name does not fit. */
static int make_header(unsigned char *h, const char *name, uint64_t size)
{
	size_t n = strlen(name), cut = 0;

	memset(h, 0, BLOCK);
	if (n > 100) {
		/* The last '/' that leaves at most 100 bytes after it. */
		size_t i;

		for (i = n; i-- > 0;) {
			if (name[i] == '/' && n - i - 1 <= 100 && i <= 155) {
				cut = i;
				break;
			}
		}
		if (!cut || n - cut - 1 == 0)
			return -1;
		memcpy(h + 345, name, cut);
		memcpy(h, name + cut + 1, n - cut - 1);
	} else {
		memcpy(h, name, n);
	}
	put_octal(h + 100, 8, 0644);
	put_octal(h + 108, 8, 0);
	put_octal(h + 116, 8, 0);
	put_octal(h + 124, 12, size);
	put_octal(h + 136, 12, 0);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	put_octal(h + 148, 7, checksum(h));
	h[155] = ' ';
	return 0;
}

/* ---- The input archive ------------------------------------------------ */

/* Read the input disk's member headers into the table, once, on first
 * use: a program that opens no file never pays for it. */
static void scan(void)
{
	struct zrt_disk *d = zrt_input_disk;
	uint64_t at = 0;
	unsigned char *h;

	if (scanned)
		return;
	scanned = 1;
	add_dir("", 0);
	add_dir("tmp", 3);
	if (!d)
		return;
	h = malloc(BLOCK);
	if (!h)
		zrt_fatal("out of memory (input archive)");
	while (at + BLOCK <= d->bytes && zrt_disk_read(d, at, h, BLOCK) == 0) {
		char name[256 + 1];
		size_t np, nn;
		uint64_t size;
		char type = (char)h[156], *path;

		if (h[0] == '\0' || octal(h + 148, 8) != checksum(h))
			break;	/* the end (or not an archive at all) */
		size = octal(h + 124, 12);
		np = field_length(h + 345, 155);
		nn = field_length(h, 100);
		memcpy(name, h + 345, np);
		if (np)
			name[np++] = '/';
		memcpy(name + np, h, nn);
		name[np + nn] = '\0';
		if (strcmp(name, STDIN_NAME) == 0) {
			have_stdin = 1;
			stdin_at = at + BLOCK;
			stdin_size = size;
		} else if (type == '0' || type == '\0' || type == '7' || type == '5') {
			path = clean_path(name, np + nn);
			if (!path)
				zrt_fatal("out of memory (input archive)");
			add_parents(path);
			if (type == '5') {
				add_dir(path, strlen(path));
				free(path);
			} else {
				add(path, 0, d, at, size);
			}
		}
		/* Links, devices and extended headers are skipped. */
		at += BLOCK + round_block(size);
	}
	free(h);
}

/* N bytes from OFFSET on disk D into BUF (any alignment). */
static int read_bytes(struct zrt_disk *d, uint64_t offset, char *buf, size_t n)
{
	uint64_t from = offset / BLOCK * BLOCK;
	size_t span = (size_t)(round_block(offset + n) - from);
	char *tmp;
	int ok;

	if (n == 0)
		return 0;
	if (from == offset && span == n)
		return zrt_disk_read(d, offset, buf, n);
	tmp = malloc(span);
	if (!tmp)
		return -1;
	ok = zrt_disk_read(d, from, tmp, span);
	if (ok == 0)
		memcpy(buf, tmp + (offset - from), n);
	free(tmp);
	return ok;
}

size_t zrt_stdin_read(uint64_t pos, char *buf, size_t max)
{
	size_t n;

	scan();
	if (!have_stdin || pos >= stdin_size)
		return 0;
	n = stdin_size - pos < max ? (size_t)(stdin_size - pos) : max;
	if (read_bytes(zrt_input_disk, stdin_at + pos, buf, n) != 0)
		return 0;
	return n;
}

/* ---- The output archive ----------------------------------------------- */

/* Append a member NAME holding the N bytes at DATA; its header's offset
 * in *AT.  0, or -1 when there is no room (or no output disk). */
static int append(const char *name, const char *data, size_t n, uint64_t *at)
{
	struct zrt_disk *d = zrt_output_disk;
	size_t total = BLOCK + (size_t)round_block(n) + 2 * BLOCK;
	unsigned char *buf;
	int ok;

	if (!d || out_end + total > d->bytes)
		return -1;
	buf = calloc(1, total);
	if (!buf)
		return -1;
	ok = make_header(buf, name, n);
	if (ok == 0) {
		memcpy(buf + BLOCK, data, n);
		ok = zrt_disk_write(d, out_end, buf, total);
	}
	free(buf);
	if (ok != 0)
		return -1;
	*at = out_end;
	out_end += BLOCK + round_block(n);
	return 0;
}

/* F is no more: forget it, and on the output disk rename its member. */
static void remove_file(struct file *f)
{
	f->gone = 1;
	if (f->disk && f->disk == zrt_output_disk) {
		unsigned char h[BLOCK];

		if (make_header(h, DELETED_NAME, f->size) == 0)
			zrt_disk_write(f->disk, f->header, h, BLOCK);
	}
}

void zrt_files_record_status(int status)
{
	char text[16];
	int n = snprintf(text, sizeof(text), "%d\n", status);
	uint64_t at;

	append(STATUS_NAME, text, (size_t)n, &at);
}

/* ---- The primitives (as runtime/host/files.c) ------------------------- */

/* The regular file PATH names, or NULL. */
static struct file *find_regular(zval path)
{
	char *p = zoot_path(path);
	struct file *f;

	if (!p)
		return NULL;
	scan();
	f = find(p);
	free(p);
	return f && !f->dir ? f : NULL;
}

/* The bytes of the regular file PATH names, malloc'ed, or NULL. */
char *zrt_platform_file_bytes(zval path, size_t *n)
{
	struct file *f = find_regular(path);
	char *text;

	if (!f)
		return NULL;
	text = malloc(f->size ? f->size : 1);
	if (!text)
		return NULL;
	if (read_bytes(f->disk, f->header + BLOCK, text, f->size) != 0) {
		free(text);
		return NULL;
	}
	*n = f->size;
	return text;
}

/* The file PATH names made to hold the N bytes at TEXT (freed here; NULL
 * after a failed conversion): 1 on success, else 0. */
int zrt_platform_write_file(zval path, char *text, size_t n)
{
	char *p = zoot_path(path), *slash;
	struct file *old, *parent;
	uint64_t at;

	if (!p || !text) {
		free(p);
		free(text);
		return 0;
	}
	scan();
	old = find(p);
	slash = last_slash(p);
	if (slash)
		*slash = '\0';
	parent = find(slash ? p : "");
	if (slash)
		*slash = '/';
	if (!parent || !parent->dir || (old && old->dir) || !*p) {
		free(p);
		free(text);
		return 0;
	}
	if (append(p, text, n, &at) != 0) {
		free(text);
		free(p);
		return 0;
	}
	free(text);
	if (old)
		remove_file(old);
	add(p, 0, zrt_output_disk, at, n);
	return 1;
}

zval zp_file_exists(zval path)
{
	char *p = zoot_path(path);
	int ok;

	if (!p)
		return ZFALSE;
	scan();
	ok = find(p) != NULL;
	free(p);
	return ZBOOL(ok);
}

zval zp_delete_file(zval path)
{
	struct file *f = find_regular(path);

	if (!f)
		return ZFALSE;
	remove_file(f);
	return ZTRUE;
}
