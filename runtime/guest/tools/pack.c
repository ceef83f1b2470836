/*
 * runtime/guest/tools/pack.c - make a guest kernel image small.
 *
 * In:  a kernel image as kernel.ld lays it out (one loadable segment at
 *      its physical address; for x86 a PVH entry note, for ARM the ELF
 *      entry), and the unpacking stub (runtime/guest/x86/unpack.S or
 *      runtime/guest/arm/unpack.S, as a flat binary).
 * Out: an ELF image holding the stub and the compressed segment, loaded
 *      just above where the original image ends (its .bss included),
 *      whose entry (x86: PVH note; ARM: e_entry) is the stub: it unpacks
 *      the original in place and jumps to its entry.
 *
 *      pack KERNEL STUB OUT
 *
 * Why it exists: a guest image carries the whole language library and
 * the call-site tables, 400 KB for hello; compressed it is a third of
 * that, and unpacking costs the guest a few milliseconds.  (This runs on
 * the build machine, with libc; it is not part of any guest.)
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

int main(int argc, char **argv)
{
	size_t n, nstub, i, stub_size, seg_size, note_at;
	unsigned char *elf, *stub, *img, *sig = NULL;
	struct segment load = { 0, 0, 0, 0 }, note = { 0, 0, 0, 0 };
	uint64_t base, entry = 0;
	uint16_t machine;
	uint32_t flags;
	int arm;
	struct out packed = { NULL, 0, 0 };
	struct params prm;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: pack KERNEL STUB OUT\n");
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
