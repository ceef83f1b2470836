/*
 * runtime/guest/tools/pack.c - finish a guest kernel image: sorted, maybe small.
 *
 * In:  a kernel image as kernel.ld lays it out (one loadable segment at
 *      its physical address; for x86 a PVH entry note, for ARM the ELF
 *      entry), and the unpacking stub (runtime/guest/x86/unpack.S or
 *      runtime/guest/arm/unpack.S, as a flat binary).
 * Out: with -s, the same image with its call-site table sorted; else an
 *      ELF image holding the stub and the compressed segment, loaded
 *      just above where the original image ends (its .bss included),
 *      whose entry (x86: PVH note; ARM: e_entry) is the stub: it unpacks
 *      the original in place and jumps to its entry.
 *
 *      pack [-s] KERNEL STUB OUT
 *
 * -s stores the image as it is (only the call-site table sorted, below)
 * instead of compressing it, which is what scripts/compile does unless
 * told --compress: under TCG every guest instruction is slow, and
 * unpacking hello's 1.7 MB took the guest some 250 ms of a 360 ms boot,
 * where QEMU loads the same bytes itself in a millisecond or two.
 *
 * The call-site table.  The compiler emits a unit's zoot_sites entries
 * (struct zrt_site: four words, the return address first) in the order
 * it finishes procedures, not in address order, and runtime/backtrace.c
 * needs them sorted; sorting them at start-up was 40 % of a guest
 * hello's instructions.  The linked image has every address final, so
 * the entries are sorted here, once, in place (the section found
 * through the section headers, which --strip-all keeps); the runtime
 * then only checks the order.
 *
 * Why it exists: a guest image carries the whole language library and
 * the call-site tables, 1.7 MB for hello; compressed it is a third of
 * that, for images that must be small more than they must boot fast.
 * (This runs on the build machine, with libc; it is not part of any
 * guest.)
 *
 * The compression is a plain LZ77 without entropy coding, chosen so that
 * the unpacker is a few dozen instructions of 32-bit assembly (x86 or ARM).  The
 * stream is a sequence of
 *
 *     LITERALS  the count, then that many bytes
 *     MATCH     length - 4, then distance - 1 (copy from that far back)
 *
 * pairs, each number a little-endian base-128 varint (7 bits a byte, the
 * top bit set on all but the last); the stream ends after the literals
 * that reach the original's size.  Matches are found through a hash of
 * the next four bytes with chains of earlier positions (up to 1 MiB
 * back), taking the longest of the first 256 candidates, one step lazily
 * (a match is put off when the next position has a longer one).
 *
 * The stub finds its parameters after the signature "ZPAK" in its own
 * bytes: where the unpacked bytes go and where they end, where the
 * packed stream is, the original entry, and the end of everything this
 * image loads (so the guest knows which RAM is not fresh; see
 * runtime/guest/memory.c).
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_MATCH 4
#define MAX_MATCH 65535
#define WINDOW ((size_t)1 << 20)
#define HASH_BITS 16
#define CHAIN_DEPTH 256
#define NO_POS ((uint32_t)-1)
/* The file: ELF header and two program headers (ELF64 or ELF32, as the
 * original), then the segment. */
#define HEADERS 192

static void die(const char *what, const char *name)
{
	fprintf(stderr, "pack: %s%s%s\n", what, name ? ": " : "", name ? name : "");
	exit(1);
}

static unsigned char *slurp(const char *name, size_t *n)
{
	FILE *f = fopen(name, "rb");
	unsigned char *buf;
	long size;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		die("cannot read", name);
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
		die("cannot read", name);
	fclose(f);
	*n = (size_t)size;
	return buf;
}

/* ---- Compression -------------------------------------------------------- */

struct out {
	unsigned char *p;
	size_t n, cap;
};

static void put(struct out *o, unsigned char c)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 65536;
		o->p = realloc(o->p, o->cap);
		if (!o->p)
			die("out of memory", NULL);
	}
	o->p[o->n++] = c;
}

static void put_varint(struct out *o, size_t v)
{
	while (v >= 0x80) {
		put(o, (unsigned char)(v | 0x80));
		v >>= 7;
	}
	put(o, (unsigned char)v);
}

static uint32_t hash4(const unsigned char *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return (v * 2654435761u) >> (32 - HASH_BITS);
}

struct matcher {
	const unsigned char *in;
	size_t n;
	uint32_t *head, *prev;
	size_t inserted;	/* positions [0, inserted) are in the chains */
};

static void insert_upto(struct matcher *m, size_t pos)
{
	for (; m->inserted < pos && m->inserted + MIN_MATCH <= m->n; m->inserted++) {
		uint32_t h = hash4(m->in + m->inserted);

		m->prev[m->inserted] = m->head[h];
		m->head[h] = (uint32_t)m->inserted;
	}
}

/* The longest match for position POS: its length (0 if none) and
 * distance. */
static size_t longest(struct matcher *m, size_t pos, size_t *dist)
{
	size_t best = 0, limit = m->n - pos, depth = 0;
	uint32_t cand;

	if (limit < MIN_MATCH)
		return 0;
	if (limit > MAX_MATCH)
		limit = MAX_MATCH;
	insert_upto(m, pos);
	for (cand = m->head[hash4(m->in + pos)]; cand != NO_POS && depth < CHAIN_DEPTH;
	     cand = m->prev[cand], depth++) {
		size_t k = 0;

		if (pos - cand > WINDOW)
			break;
		while (k < limit && m->in[cand + k] == m->in[pos + k])
			k++;
		if (k > best) {
			best = k;
			*dist = pos - cand;
			if (k == limit)
				break;
		}
	}
	return best >= MIN_MATCH ? best : 0;
}

static void compress(const unsigned char *in, size_t n, struct out *o)
{
	struct matcher m;
	size_t pos = 0, lit = 0, i;

	m.in = in;
	m.n = n;
	m.inserted = 0;
	m.head = malloc(sizeof(uint32_t) << HASH_BITS);
	m.prev = malloc(sizeof(uint32_t) * (n + 1));
	if (!m.head || !m.prev)
		die("out of memory", NULL);
	for (i = 0; i < (size_t)1 << HASH_BITS; i++)
		m.head[i] = NO_POS;
	while (pos < n) {
		size_t dist = 0, len = longest(&m, pos, &dist);

		if (len && pos + 1 < n) {
			size_t dist2 = 0, len2 = longest(&m, pos + 1, &dist2);

			if (len2 > len + 1)
				len = 0;	/* better one byte later */
		}
		if (!len) {
			pos++;
			lit++;
			continue;
		}
		put_varint(o, lit);
		for (i = pos - lit; i < pos; i++)
			put(o, in[i]);
		put_varint(o, len - MIN_MATCH);
		put_varint(o, dist - 1);
		pos += len;
		lit = 0;
	}
	put_varint(o, lit);
	for (i = n - lit; i < n; i++)
		put(o, in[i]);
	free(m.head);
	free(m.prev);
}

/* The inverse, to check the result before trusting it to a guest. */
static int decompress_matches(const unsigned char *p, size_t np, const unsigned char *want, size_t n)
{
	unsigned char *out = malloc(n ? n : 1);
	size_t o = 0, i = 0;
	int ok;

	if (!out)
		die("out of memory", NULL);
	for (;;) {
		size_t v, shift, len, dist, k;

#define VARINT(x) do { x = 0; shift = 0; do { if (i >= np) goto bad; x |= (size_t)(p[i] & 0x7f) << shift; shift += 7; } while (p[i++] & 0x80); } while (0)
		VARINT(v);
		if (v > n - o || v > np - i)
			goto bad;
		memcpy(out + o, p + i, v);
		o += v;
		i += v;
		if (o == n)
			break;
		VARINT(len);
		VARINT(dist);
		len += MIN_MATCH;
		dist += 1;
		if (dist > o || len > n - o)
			goto bad;
		for (k = 0; k < len; k++, o++)
			out[o] = out[o - dist];
#undef VARINT
	}
	ok = i == np && memcmp(out, want, n) == 0;
	free(out);
	return ok;
bad:
	free(out);
	return 0;
}

/* ---- The images ----------------------------------------------------------- */

struct params {
	uint32_t dest, dest_end, src, entry, loaded_end;
};

/* A program header, whichever the ELF class. */
struct segment {
	uint64_t offset, paddr, filesz, memsz;
};

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* The loadable segment and the note of ELF (N bytes) of either class
 * (x86-64 images are ELF64, i386 and ARM ones ELF32).  NOTE stays all
 * zero when there is none (ARM). */
static void find_segments(const unsigned char *elf, size_t n, const char *name,
			  struct segment *load, struct segment *note)
{
	int is64 = n > EI_CLASS && elf[EI_CLASS] == ELFCLASS64, loads = 0, notes = 0;
	uint64_t phoff, phnum, phsize, i;

	if (n < sizeof(Elf64_Ehdr) || memcmp(elf, ELFMAG, SELFMAG) != 0 ||
	    (elf[EI_CLASS] != ELFCLASS64 && elf[EI_CLASS] != ELFCLASS32))
		die("not an ELF kernel image", name);
	if (is64) {
		const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;

		phoff = eh->e_phoff, phnum = eh->e_phnum, phsize = sizeof(Elf64_Phdr);
	} else {
		const Elf32_Ehdr *eh = (const Elf32_Ehdr *)elf;

		phoff = eh->e_phoff, phnum = eh->e_phnum, phsize = sizeof(Elf32_Phdr);
	}
	if (phoff + phnum * phsize > n)
		die("not an ELF kernel image", name);
	for (i = 0; i < phnum; i++) {
		const unsigned char *at = elf + phoff + i * phsize;
		struct segment seg;
		uint32_t type;

		if (is64) {
			const Elf64_Phdr *p = (const Elf64_Phdr *)at;

			type = p->p_type;
			seg = (struct segment){ p->p_offset, p->p_paddr, p->p_filesz, p->p_memsz };
		} else {
			const Elf32_Phdr *p = (const Elf32_Phdr *)at;

			type = p->p_type;
			seg = (struct segment){ p->p_offset, p->p_paddr, p->p_filesz, p->p_memsz };
		}
		if (type == PT_LOAD) {
			*load = seg;
			loads++;
		} else if (type == PT_NOTE) {
			*note = seg;
			notes++;
		}
	}
	if (loads > 1)
		die("more than one loadable segment", name);
	if (!loads || load->offset + load->filesz > n || (notes && note->offset + 20 > n))
		die("no loadable segment or entry note", name);
}

/* The packed image's headers, in the class and for the machine of the
 * original's (IDENT, MACHINE, FLAGS): a loadable segment of SIZE bytes
 * at BASE, entered at BASE, and unless NOTE_AT is 0 the entry note at
 * BASE + NOTE_AT (ARM has none: QEMU starts it at e_entry). */
static void write_headers(FILE *f, const unsigned char *ident, uint16_t machine, uint32_t flags,
			  uint64_t base, size_t size, size_t note_at)
{
	size_t i, n;
	int phnum = note_at ? 2 : 1;

	if (ident[EI_CLASS] == ELFCLASS64) {
		Elf64_Ehdr oh = { .e_type = ET_EXEC, .e_machine = machine, .e_version = EV_CURRENT,
				  .e_entry = base, .e_phoff = sizeof(oh), .e_flags = flags,
				  .e_ehsize = sizeof(oh), .e_phentsize = sizeof(Elf64_Phdr),
				  .e_phnum = phnum };
		Elf64_Phdr ph[2] = {
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = HEADERS,
			  .p_vaddr = base, .p_paddr = base, .p_filesz = size, .p_memsz = size, .p_align = 16 },
			{ .p_type = PT_NOTE, .p_flags = PF_R, .p_offset = HEADERS + note_at,
			  .p_vaddr = base + note_at, .p_paddr = base + note_at, .p_filesz = 20,
			  .p_memsz = 20, .p_align = 4 },
		};

		memcpy(oh.e_ident, ident, EI_NIDENT);
		fwrite(&oh, sizeof(oh), 1, f);
		fwrite(ph, sizeof(ph[0]), phnum, f);
		n = sizeof(oh) + sizeof(ph[0]) * phnum;
	} else {
		Elf32_Ehdr oh = { .e_type = ET_EXEC, .e_machine = machine, .e_version = EV_CURRENT,
				  .e_entry = (uint32_t)base, .e_phoff = sizeof(oh), .e_flags = flags,
				  .e_ehsize = sizeof(oh), .e_phentsize = sizeof(Elf32_Phdr),
				  .e_phnum = phnum };
		Elf32_Phdr ph[2] = {
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = HEADERS,
			  .p_vaddr = (uint32_t)base, .p_paddr = (uint32_t)base, .p_filesz = (uint32_t)size,
			  .p_memsz = (uint32_t)size, .p_align = 16 },
			{ .p_type = PT_NOTE, .p_flags = PF_R, .p_offset = (uint32_t)(HEADERS + note_at),
			  .p_vaddr = (uint32_t)(base + note_at), .p_paddr = (uint32_t)(base + note_at),
			  .p_filesz = 20, .p_memsz = 20, .p_align = 4 },
		};

		memcpy(oh.e_ident, ident, EI_NIDENT);
		fwrite(&oh, sizeof(oh), 1, f);
		fwrite(ph, sizeof(ph[0]), phnum, f);
		n = sizeof(oh) + sizeof(ph[0]) * phnum;
	}
	if (n > HEADERS)
		die("internal error: headers overlap the segment", NULL);
	for (i = n; i < HEADERS; i++)
		fputc(0, f);
}

/* ---- The call-site table ------------------------------------------------ */

static size_t site_word;	/* 8 for ELF64, 4 for ELF32 */

static uint64_t word_at(const unsigned char *p)
{
	uint64_t v = 0;
	size_t i;

	for (i = site_word; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static int by_pc(const void *a, const void *b)
{
	uint64_t x = word_at(a), y = word_at(b);

	return x < y ? -1 : x > y;
}

/* Sort the zoot_sites section of ELF (N bytes) by return address, in
 * place; an image without one (no Zoot code) is left alone. */
static void sort_sites(unsigned char *elf, size_t n, const char *name)
{
	int is64 = elf[EI_CLASS] == ELFCLASS64;
	uint64_t shoff, shnum, shsize, shstrndx, stroff, strsize, i;

	if (is64) {
		const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;

		shoff = eh->e_shoff, shnum = eh->e_shnum, shstrndx = eh->e_shstrndx;
		shsize = sizeof(Elf64_Shdr);
	} else {
		const Elf32_Ehdr *eh = (const Elf32_Ehdr *)elf;

		shoff = eh->e_shoff, shnum = eh->e_shnum, shstrndx = eh->e_shstrndx;
		shsize = sizeof(Elf32_Shdr);
	}
	if (!shoff || !shnum)
		return;
	if (shoff > n || shnum > (n - shoff) / shsize || shstrndx >= shnum)
		die("corrupt section headers", name);
	site_word = is64 ? 8 : 4;
#define SHDR(k, field) (is64 ? ((const Elf64_Shdr *)(elf + shoff))[k].field \
			     : ((const Elf32_Shdr *)(elf + shoff))[k].field)
	stroff = SHDR(shstrndx, sh_offset);
	strsize = SHDR(shstrndx, sh_size);
	if (stroff > n || strsize > n - stroff)
		die("corrupt section names", name);
	for (i = 0; i < shnum; i++) {
		uint64_t at = SHDR(i, sh_name), off = SHDR(i, sh_offset), size = SHDR(i, sh_size);
		size_t entry = 4 * site_word;

		if (at + sizeof("zoot_sites") > strsize ||
		    memcmp(elf + stroff + at, "zoot_sites", sizeof("zoot_sites")) != 0)
			continue;
		if (SHDR(i, sh_type) == SHT_NOBITS || off > n || size > n - off || size % entry)
			die("corrupt zoot_sites section", name);
		qsort(elf + off, size / entry, entry, by_pc);
	}
#undef SHDR
}

int main(int argc, char **argv)
{
	size_t n, nstub, i, stub_size, seg_size, note_at;
	unsigned char *elf, *stub, *img, *sig = NULL;
	struct segment load = { 0, 0, 0, 0 }, note = { 0, 0, 0, 0 };
	uint64_t base, entry = 0;
	uint16_t machine;
	uint32_t flags;
	int arm, store = 0;
	struct out packed = { NULL, 0, 0 };
	struct params prm;
	FILE *f;

	if (argc == 5 && strcmp(argv[1], "-s") == 0) {
		store = 1;
		argv++;
		argc--;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: pack [-s] KERNEL STUB OUT\n");
		return 2;
	}
	elf = slurp(argv[1], &n);
	stub = slurp(argv[2], &nstub);
	find_segments(elf, n, argv[1], &load, &note);
	/* e_machine and e_flags sit at the same offsets in both classes. */
	machine = ((const Elf32_Ehdr *)elf)->e_machine;
	flags = elf[EI_CLASS] == ELFCLASS64 ? ((const Elf64_Ehdr *)elf)->e_flags
					    : ((const Elf32_Ehdr *)elf)->e_flags;
	arm = machine == EM_ARM;
	if (arm) {
		/* QEMU's ARM loader starts an ELF kernel at e_entry. */
		if (elf[EI_CLASS] != ELFCLASS32)
			die("not an ELF32 ARM kernel image", argv[1]);
		entry = ((const Elf32_Ehdr *)elf)->e_entry;
	} else {
		/* The note: namesz 4, descsz 4, type 18, "Xen\0", the entry. */
		const unsigned char *d = elf + note.offset;

		if (!note.filesz || d[0] != 4 || d[4] != 4 || d[8] != 18 || memcmp(d + 12, "Xen", 4) != 0)
			die("no PVH entry note", argv[1]);
		entry = (uint32_t)(d[16] | d[17] << 8 | d[18] << 16 | (uint32_t)d[19] << 24);
	}
	if (load.paddr + load.memsz > 0xffffffffu)
		die("the image must lie below 4 GiB", argv[1]);
	sort_sites(elf, n, argv[1]);
	if (store) {
		f = fopen(argv[3], "wb");
		if (!f || fwrite(elf, 1, n, f) != n || fclose(f) != 0)
			die("cannot write", argv[3]);
		return 0;
	}

	compress(elf + load.offset, load.filesz, &packed);
	if (!decompress_matches(packed.p, packed.n, elf + load.offset, load.filesz))
		die("internal error: the packed image does not unpack to the original", NULL);

	/* The stub, its parameters after "ZPAK", then the stream, then
	 * for x86 the entry note (inside the segment: harmless, and
	 * simple). */
	for (i = 0; i + 4 + sizeof(prm) <= nstub; i++) {
		if (memcmp(stub + i, "ZPAK", 4) == 0) {
			sig = stub + i + 4;
			break;
		}
	}
	if (!sig)
		die("no parameter block in the stub", argv[2]);
	base = (load.paddr + load.memsz + 4095) & ~(uint64_t)4095;
	stub_size = (nstub + 15) & ~(size_t)15;
	note_at = arm ? 0 : (stub_size + packed.n + 3) & ~(size_t)3;
	seg_size = arm ? stub_size + packed.n : note_at + 20;
	prm.dest = (uint32_t)load.paddr;
	prm.dest_end = (uint32_t)(load.paddr + load.filesz);
	prm.src = (uint32_t)(base + stub_size);
	prm.entry = (uint32_t)entry;
	prm.loaded_end = (uint32_t)(base + seg_size);
	put32(sig, prm.dest);
	put32(sig + 4, prm.dest_end);
	put32(sig + 8, prm.src);
	put32(sig + 12, prm.entry);
	put32(sig + 16, prm.loaded_end);

	img = calloc(1, seg_size);
	if (!img)
		die("out of memory", NULL);
	memcpy(img, stub, nstub);
	memcpy(img + stub_size, packed.p, packed.n);
	if (note_at) {
		put32(img + note_at, 4);
		put32(img + note_at + 4, 4);
		put32(img + note_at + 8, 18);
		memcpy(img + note_at + 12, "Xen", 4);
		put32(img + note_at + 16, (uint32_t)base);
	}

	f = fopen(argv[3], "wb");
	if (!f)
		die("cannot write", argv[3]);
	write_headers(f, elf, machine, flags, base, seg_size, note_at);
	fwrite(img, 1, seg_size, f);
	if (fclose(f) != 0)
		die("cannot write", argv[3]);
	return 0;
}
