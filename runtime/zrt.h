/*
 * runtime/zrt.h - the C runtime's internal API.
 *
 * In:  object.h (the value representation).
 * Out: the state generated code shares with C (heap pointer, frame
 *      pointer, argument area), the allocator, the explicit root stack
 *      (ZROOT), the error entry points, and the declarations each runtime
 *      file offers the others.
 *
 * Why it exists: every runtime file and every unit test includes this one
 * header, so the names generated code relies on (runtime/ABI.md) are
 * declared in exactly one place.  Files under runtime/ are portable C;
 * whatever needs the operating system goes through the zrt_host_*
 * functions, which runtime/host/ implements with libc (a guest kernel
 * will implement them differently).
 */
#ifndef ZOOT_ZRT_H
#define ZOOT_ZRT_H

#include <stddef.h>
#include <stdint.h>
#include "object.h"

/* ---- State shared with generated code (names fixed by ABI.md) -------- */

/* Bump allocation: objects are carved from [zrt_heap_ptr, zrt_heap_limit). */
extern zval *zrt_heap_ptr, *zrt_heap_limit;

/* The innermost Zoot frame and stack pointer, stored by generated code
 * before every call into C: the frame walk and backtraces start there. */
extern zval *zrt_zoot_frame;
extern zval *zrt_zoot_sp;

/* Argument i >= 4 of a call travels in zrt_args[i]; 0..3 are scratch.
 * While zrt_args_live is non-zero, zrt_args[0..zrt_args_live) are roots. */
#define ZRT_MAX_ARGS (1 << 20)
extern zval zrt_args[ZRT_MAX_ARGS];
extern zint zrt_args_live;

/* Prologues compare the stack pointer against zrt_stack_limit;
 * zrt_stack_low is the lowest usable address (just above the guard). */
extern zval *zrt_stack_limit;
extern zval *zrt_stack_low;

/* ---- Provided by the assembly glue (the lead's code) ----------------- */

zval zrt_call(zval closure, zint argc, zval *argv);
void zrt_start(zval *stack_top, zval entry_closure);

/* ---- Allocation (heap.c) --------------------------------------------- */

/* Words per 8 bytes: every object starts on an 8-byte boundary. */
#define ZRT_ALIGN_WORDS (8 / sizeof(zval))
#define ZRT_ROUND_WORDS(n) (((n) + ZRT_ALIGN_WORDS - 1) / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS)

zval *zrt_gc_alloc(zval words);

/*
 * WORDS fresh, uninitialised words (a multiple of ZRT_ALIGN_WORDS).  May
 * collect: every value the caller still needs must be in a root (ZROOT).
 */
static inline zval *zrt_alloc(size_t words)
{
	zval *p = zrt_heap_ptr;

	if ((size_t)(zrt_heap_limit - p) >= words) {
		zrt_heap_ptr = p + words;
		return p;
	}
	return zrt_gc_alloc(words);
}

struct zrt_heap_config {
	size_t initial_bytes;	/* first semispace */
	size_t max_bytes;	/* largest semispace (ZOOT_HEAP_MAX) */
	int stress;		/* ZOOT_GC_STRESS: collect on every slow allocation */
	int verbose;		/* ZOOT_GC_VERBOSE: a line per collection */
	size_t nursery_bytes;	/* ZOOT_NURSERY; 0 for the default */
};

void zrt_heap_init(const struct zrt_heap_config *config);
int zrt_heap_contains(const void *p);	/* in the nursery or the old space? */
size_t zrt_heap_size_bytes(void);	/* current old space size */
size_t zrt_heap_live_bytes(void);	/* allocated in the old space and nursery */
void zrt_collect_now(void);		/* a major collection, for tests */
/* Parse a ZOOT_HEAP_MAX style size ("64m"); 0 when invalid. */
size_t zrt_parse_size(const char *text);
/* ZOOT_GC_STRESS, ZOOT_GC_VERBOSE and ZOOT_HEAP_MAX (over the default
 * max_bytes) into CONFIG; an invalid size ends the program. */
void zrt_heap_config_from_env(struct zrt_heap_config *config);
/* Heap, symbols, sites, stack, then the program (runtime/start.c). */
_Noreturn void zrt_run(const struct zrt_heap_config *config);

/* Collections so far; bumped by each one.  Tables hashed by address
 * compare it with the epoch they were hashed at. */
extern zint zrt_gc_epoch;

/* ---- The collector (gc.c) -------------------------------------------- */

/* Promote everything reachable in the nursery [young_lo, young_hi) to the
 * old space from OLD_FREE on, scanning the old objects from SCAN (the end
 * of the last collection's copy) to OLD_FREE whole, and the dirty cards
 * below SCAN; returns the new end of the old space. */
zval *zrt_gc_minor(zval *young_lo, zval *young_hi, zval *scan, zval *old_free);
/* Copy everything reachable in the nursery and the used old space into
 * the to-space [to_lo, to_hi), which the card globals must describe
 * already (with every start cleared); returns its first free word. */
zval *zrt_gc_major(zval *young_lo, zval *young_hi, zval *old_lo, zval *old_hi,
		   zval *to_lo, zval *to_hi);
/* During a collection: update *slot to the object's new address. */
void zrt_gc_forward(zval *slot);

/*
 * The card table of the old space (ABI.md, "The write barrier"): one byte
 * per ZRT_CARD_BYTES from zrt_card.lo, zrt_card.bytes bytes covered; a
 * store into an old object marks the card of its header.  Generated code
 * reads the three words of zrt_card at offsets 0, 1 and 2 words.
 * zrt_card_starts[c] is the word offset in card c of the first object
 * starting there, or NO_START.
 */
#define ZRT_CARD_SHIFT 9
#define ZRT_CARD_BYTES ((uintptr_t)1 << ZRT_CARD_SHIFT)
#define NO_START 0xff
struct zrt_card_table {
	uintptr_t lo;		/* the old space's first byte */
	uintptr_t bytes;	/* its size */
	unsigned char *cards;	/* a byte per card: 1 when dirty */
};
extern struct zrt_card_table zrt_card;
extern unsigned char *zrt_card_starts;

/* The write barrier for C: after storing a value that may be a heap
 * pointer into a field of OBJ (a pair or an object), which may be old. */
static inline void zrt_barrier(zval obj)
{
	uintptr_t off = (uintptr_t)obj - zrt_card.lo;

	if (off < zrt_card.bytes)
		zrt_card.cards[off >> ZRT_CARD_SHIFT] = 1;
}

/* ---- Explicit roots for C code (roots.c) ----------------------------- */

/*
 * ZROOT(x) registers the zval variable x as a root until the end of the
 * enclosing block: the cleanup attribute pops it however the block is
 * left, so there is no matching "unroot" to forget.  A non-local exit
 * (a Zoot escape through an error raised from C) abandons C frames
 * without running cleanups; zrt_raise therefore empties the root stack
 * before it calls into Zoot, which is sound because every C frame below
 * it is abandoned or holds no roots (see errors.c).
 */
#define ZRT_ROOTS_MAX 4096
extern zval *zrt_roots[ZRT_ROOTS_MAX];
extern zint zrt_roots_top;

_Noreturn void zrt_root_overflow(void);

/* Returns the old top: the mark the cleanup handler restores.  Inline,
 * because C code roots values on every call of many primitives. */
static inline zint zrt_root_push(zval *slot)
{
	zint mark = zrt_roots_top;

	if (mark >= ZRT_ROOTS_MAX)
		zrt_root_overflow();
	zrt_roots[mark] = slot;
	zrt_roots_top = mark + 1;
	return mark;
}

static inline void zrt_root_restore(zint *mark)
{
	zrt_roots_top = *mark;
}

#define ZRT_CAT2(a, b) a##b
#define ZRT_CAT(a, b) ZRT_CAT2(a, b)
#define ZROOT(x) \
	zint ZRT_CAT(zrt_root_mark_, __COUNTER__) \
	__attribute__((cleanup(zrt_root_restore), unused)) = zrt_root_push(&(x))

/* ---- Constructors (objects.c) ---------------------------------------- */

zval zrt_cons(zval car, zval cdr);
zval zrt_make_object(unsigned type, size_t length, zval fill);
zval zrt_make_string(size_t length, uint32_t fill);
zval zrt_alloc_string(size_t length);	/* characters left for the caller */
zval zrt_make_raw(size_t bytes);
zval zrt_make_bytevector(size_t length, unsigned fill);	/* bytevectors.c */
/* A bytevector or a list of them as one malloc'ed buffer, or NULL. */
char *zrt_bytevectors_join(zval bytes, size_t *n);
zval zrt_rest_list(zint argc, zint first);

/* ---- Strings (strings.c) --------------------------------------------- */

zval zrt_string_from_utf8(const char *bytes, size_t n);
zval zrt_string_from_cstr(const char *s);
/* UTF-8 of a Zoot string, malloc'ed and NUL-terminated; *n gets the length
 * (without the NUL).  Returns NULL when out of memory. */
char *zrt_string_to_utf8(zval s, size_t *n);
char *zrt_text_to_utf8(zval text, size_t *n);
/* Bytes needed to encode S, and encoding into a buffer that large. */
size_t zrt_utf8_length(zval s);
size_t zrt_utf8_encode(zval s, char *out);
size_t zrt_utf8_encode_char(uint32_t c, char *out);	/* 1..4 bytes */
/* Decode N bytes into code points (OUT has room for N); returns the count.
 * Invalid bytes become '?', as the SBCL bootstrap's replacement does. */
size_t zrt_utf8_decode(const unsigned char *in, size_t n, uint32_t *out);
int zrt_string_equal(zval a, zval b);
uint32_t zrt_chars_hash(const uint32_t *chars, size_t n);

/* ---- Symbols (symbols.c) --------------------------------------------- */

void zrt_symbols_init(void);		/* intern the static symbols */
zval zrt_intern(zval string);		/* the symbol named STRING */
zval zrt_intern_cstr(const char *name);
void zrt_symbols_scan(void);		/* GC: forward the table's entries */

/* ---- Hash table keys (keys.c) --------------------------------------- */

/* The hash of KEY in a table of KIND (enum table_kind); *ADDR is set
 * when it depends on where a heap object lives. */
uint32_t zrt_key_hash(zint kind, zval key, int *addr);
int zrt_key_same(zint kind, zval a, zval b);

/* ---- Errors (errors.c) ----------------------------------------------- */

_Noreturn void zrt_type_error(const char *who, const char *expected, zval got);
_Noreturn void zrt_type_error_v(zval who, zval expected, zval got);
_Noreturn void zrt_range_error(const char *who, zval index, zval object);
_Noreturn void zrt_simple_error(const char *message);
/* Print "error: MESSAGE" (stdout flushed first) and exit 70. */
_Noreturn void zrt_fatal(const char *message);
/* Same, followed by the backtrace of the Zoot frames. */
_Noreturn void zrt_fatal_backtrace(const char *message);

/* ---- Continuations (continuations.c, ABI.md "Continuations") -------- */

/* The continuation the boundary frame returns into, or #f (a root: it
 * lives in section zoot_globals). */
extern zval zrt_cont_current;
/* Glue: where the boundary frame returns (not a procedure to call).
 * Weak, so that the unit tests link the runtime without the glue. */
void zrt_cont_underflow(void) __attribute__((weak));

zval zrt_cont_capture(zval *glue_frame);
/* From this address up the stack holds the current chain's words as
 * their copies do (continuations.c). */
extern zval *zrt_cont_intact;
zval *zrt_cont_intact_at(void);
zval *zrt_cont_reinstate(zval k, zval v);

/* Where the word at stack address ADDR of K's stretch is kept in its
 * copy, or NULL when ADDR is outside the stretch. */
static inline zval *zrt_cont_word(zval k, zval addr)
{
	zval off = addr - CONT_SP(k);

	if (off >= (zval)FIXNUM_VALUE(CONT_WORDS(k)) * sizeof(zval))
		return NULL;
	return &OBJ_FIELD(CONT_SEGMENT(k), FIXNUM_VALUE(CONT_OFFSET(k))) + off / sizeof(zval);
}

/* A walk over Zoot frames, innermost first: F the frame's words (on the
 * stack, or in continuation K's copy; K is #f on the live stack), PC
 * where it runs; F is NULL at the end.  F[-1] is the marker, as on the
 * stack.  With CROSS the walk goes on from the live stack into the
 * continuations below it (backtraces); without, it ends with the
 * stretch it is in (the collector scans each stretch on its own). */
struct zrt_frames {
	zval *f;
	zval pc;
	zval k;
};
void zrt_frames_start(struct zrt_frames *w);
void zrt_frames_start_in(struct zrt_frames *w, zval k);
void zrt_frames_next(struct zrt_frames *w, int cross);

/* ---- Backtraces (backtrace.c) ---------------------------------------- */

struct zrt_site {
	zval pc;		/* return address of the call */
	const char *name;	/* procedure making the call */
	const char *where;	/* "file:line:col", or NULL */
	zval flags;		/* ZRT_SITE_LIBRARY */
};
#define ZRT_SITE_LIBRARY 1

void zrt_sites_init(void);
const struct zrt_site *zrt_site_lookup(zval pc);
void zrt_print_backtrace(void);

/* ---- The host: OS services (runtime/host/) --------------------------- */

/* Buffered for descriptor 1 (runtime/console.c, on the three below). */
void zrt_host_write(int fd, const void *bytes, size_t n);
void zrt_host_write_str(int fd, const char *s);
void zrt_host_flush_stdout(void);
/* The platform's raw descriptors: bytes out (errors drop them), bytes
 * in (0 at end of input or on an error), and whether one is a
 * terminal. */
void zrt_host_write_fd(int fd, const void *bytes, size_t n);
long zrt_host_read_fd(int fd, void *buf, size_t max);
int zrt_host_isatty(int fd);
/* The terminal on FD byte by byte without echo (ON) or as it was; 0
 * when FD is no terminal (runtime/host/terminal.c). */
int zrt_host_tty_raw(int fd, int on);
int zrt_host_input_ready(int fd);
_Noreturn void zrt_host_exit(int code);	/* flushes stdout first */
void *zrt_host_map(size_t bytes);	/* zeroed pages, or NULL */
void zrt_host_unmap(void *p, size_t bytes);
/* BYTES of memory that may reuse the pages of OLD (OLD_BYTES, smaller),
 * whose contents do not matter; OLD is released either way.  NULL when
 * there is no memory. */
void *zrt_host_grow(void *old, size_t old_bytes, size_t bytes);
uint64_t zrt_host_nanoseconds(void);	/* monotonic */
/* The wall clock: POSIX time in nanoseconds since 1970 (a guest, which
 * reads no clock it could trust, counts from boot). */
uint64_t zrt_host_epoch_nanoseconds(void);
char **zrt_host_environment(size_t *n);	/* NAME=VALUE strings, *N of them */
/* The platform's cond-expand feature names, space-separated: the OS's
 * ("posix unix linux" hosted, none in a guest). */
const char *zrt_host_features(void);
void zrt_host_set_command_line(int argc, char **argv);
void zrt_stack_init(void);		/* the Zoot stack, guard, signals */
/* A caught fault's report (runtime/errors.c), before exit status 70. */
void zrt_report_fault(int overflow, const char *what, uintptr_t addr);
zval *zrt_stack_top(void);
/* Files (runtime/files.c converts): the bytes of the file PATH names,
 * malloc'ed, *N of them, or NULL; and the file PATH names made to hold
 * the N bytes at DATA (freed by the callee; NULL after a failed
 * conversion, which fails the write), 1 on success and 0 otherwise. */
char *zrt_platform_file_bytes(zval path, size_t *n);
int zrt_platform_write_file(zval path, char *data, size_t n);

/* ---- Primitives called by generated code ----------------------------- */

zval zp_symbol_to_string(zval s);
zval zp_string_to_symbol(zval s);
zval zp_gensym(zval prefix);
zval zp_make_symbol(zval name);
zval zp_make_string(zval n, zval fill);
zval zp_string_copy(zval to, zval at, zval from, zval start, zval end);
zval zp_string_compare(zval a, zval b);
zval zp_string_append(zval strings);
zval zp_number_to_string(zval n, zval radix);
zval zp_make_vector(zval n, zval fill);
zval zp_make_record_type(zval name, zval fields);
zval zp_record_type_name(zval type);
zval zp_make_record(zval type, zval n, zval fill);
zval zp_record_p(zval x);
zval zp_record_type(zval x);
zval zp_record_of_type_p(zval x, zval type);
zval zp_record_ref(zval r, zval i);
zval zp_record_set(zval r, zval i, zval v);
zval zp_checked_record_ref(zval x, zval type, zval i, zval who);
zval zp_checked_record_set(zval x, zval type, zval i, zval v, zval who);
zval zp_make_table(zval kind);
zval zp_table_p(zval x);
zval zp_table_ref(zval table, zval key, zval dflt);
zval zp_table_set(zval table, zval key, zval value);
zval zp_table_delete(zval table, zval key);
zval zp_table_count(zval table);
zval zp_table_keys(zval table);
zval zp_write_string(zval fd, zval s);
zval zp_flush(zval fd);
zval zp_read_chunk(zval fd);
zval zp_read_file(zval path);
zval zp_write_file(zval path, zval contents);
zval zp_read_file_bytes(zval path);
zval zp_write_file_bytes(zval path, zval bytes);
zval zp_file_exists(zval path);
zval zp_delete_file(zval path);
zval zp_getenv(zval name);
zval zp_environment(void);
zval zp_command_line(void);
zval zp_platform_features(void);
_Noreturn zval zp_exit(zval code);
zval zp_current_jiffy(void);
zval zp_jiffies_per_second(void);
zval zp_current_second(void);
zval zp_isatty(zval fd);
zval zp_input_ready(zval fd);
zval zp_machine_backtrace(zval limit);
zval zp_char_props(zval c);
zval zp_char_case(zval c, zval kind);
zval zp_digit_value(zval c);
zval zp_string_case(zval s, zval kind);
zval zp_bytevector_p(zval x);
zval zp_make_bytevector(zval n, zval fill);
zval zp_bytevector_length(zval bv);
zval zp_bytevector_u8_ref(zval bv, zval i);
zval zp_bytevector_u8_set(zval bv, zval i, zval b);
zval zp_bytevector_copy(zval to, zval at, zval from, zval start, zval end);
zval zp_bytevector_equal(zval a, zval b);
zval zp_utf8_to_string(zval bv, zval start, zval end);
zval zp_string_to_utf8(zval str, zval start, zval end);
/* The network (runtime/net.c). */
zval zp_tcp_listen(zval host, zval port);
zval zp_tcp_accept(zval listener);
zval zp_tcp_connect(zval host, zval port);
zval zp_net_send(zval h, zval bytes);
zval zp_net_receive(zval h, zval max);
zval zp_net_close(zval h, zval how);
zval zp_net_local_port(zval h);
zval zp_udp_open(zval host, zval port);
zval zp_udp_send(zval h, zval host, zval port, zval bytes);
zval zp_udp_receive(zval h);

/* ---- Numbers (numbers.c) --------------------------------------------- */

int zrt_is_heap_number(zval x);
int zrt_num_eqv(zval a, zval b);
uint32_t zrt_num_hash(zval x);
uint32_t zrt_num_hash_any(zval x);
zval zp_int_add(zval a, zval b);
zval zp_int_sub(zval a, zval b);
zval zp_int_mul(zval a, zval b);
zval zp_int_quotient(zval a, zval b);
zval zp_int_remainder(zval a, zval b);
zval zp_int_compare(zval a, zval b);
zval zp_int_to_string(zval n, zval radix);
zval zp_digits_to_int(zval s, zval start, zval end, zval radix);
zval zp_num_type(zval x);
zval zp_num_eqv(zval a, zval b);
zval zrt_make_flonum(double d);
zval zp_int_to_flo(zval n);
zval zp_ratio_to_flo(zval n, zval d);
zval zp_flo_add(zval a, zval b);
zval zp_flo_sub(zval a, zval b);
zval zp_flo_mul(zval a, zval b);
zval zp_flo_div(zval a, zval b);
zval zp_flo_compare(zval a, zval b);
zval zp_flo_to_string(zval x);
zval zp_digits_to_flo(zval s, zval start, zval end, zval x10, zval negative);
zval zp_flo_bits(zval x);
zval zp_flo_decode(zval x);
zval zp_flo_fun(zval code, zval x);
zval zp_flo_atan2(zval y, zval x);
zval zp_flo_expt(zval x, zval y);
zval zp_make_ratnum(zval a, zval b);
zval zp_make_compnum(zval a, zval b);
zval zp_num_part(zval x, zval i);
zval zp_num_quick(zval op, zval a, zval b);
/* Exact integer X as its sign and 64-bit magnitude; 0 when X is not an
 * exact integer or its magnitude needs more than 64 bits. */
int zrt_int_to_u64(zval x, uint64_t *magnitude, int *negative);
zval zrt_int_from_u64(uint64_t magnitude, int negative);

/* ---- Foreign functions (ffi.c) --------------------------------------- */

/* The address of the C function or object NAME, or NULL (hosted: dlsym
 * in the process's shared libraries; a guest has none). */
void *zrt_host_foreign_symbol(const char *name);
zval zp_ffi_call(zval desc, zval args);
zval zp_ffi_peek(zval p, zval code, zval offset);
zval zp_ffi_poke(zval p, zval code, zval offset, zval v);
zval zp_ffi_string(zval p, zval length);
zval zp_ffi_sizeof(zval code);
zval zp_ffi_callback(zval proc, zval codes, zval ret);
zval zp_ffi_callback_free(zval p);
zval zp_foreign_symbol(zval name);
zval zp_pointer_p(zval x);
zval zp_pointer_address(zval p);
zval zp_make_pointer(zval n);

/* ---- The terminal (terminal.c) --------------------------------------- */

zval zp_tty_raw(zval fd, zval on);
zval zp_read_byte(zval fd);

#endif
