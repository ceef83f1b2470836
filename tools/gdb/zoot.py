# tools/gdb/zoot.py -- gdb commands for Zoot programs.
#
# In:  a Zoot executable under gdb (hosted x86-64, i386 or ARM; the
#      value layout of runtime/ABI.md and runtime/object.h).
# Out: the commands
#        zp EXPR      print the Zoot value whose word is EXPR, readably:
#                     (1 2 "three" #(4)), records, closures by name,
#                     truncated when long (zp/N EXPR: N elements deep)
#        zframe       the selected frame's slots (slot 0 the closure,
#                     then the parameters and locals), as Zoot values
#        zbt [all]    the Zoot backtrace the runtime would print from
#                     here: "in (NAME) at FILE:LINE:COL" per call, the
#                     library's frames left out unless "all"; it walks
#                     the frame chain itself, as the runtime does, so it
#                     needs no unwinding information (nor a guest
#                     kernel's IMAGE.elf); stopped in C, it starts from the
#                     Zoot frame that called into C
# Load with `gdb -x tools/gdb/zoot.py PROG` or `source tools/gdb/zoot.py`
# (installed: PREFIX/lib/zoot/gdb/zoot.py); README.md, "Debugging".
#
# Why it exists: a Zoot value in a register or a frame slot is a tagged
# word; gdb prints a number.  Generated code carries DWARF call-frame
# information, so gdb's own bt, up, down and finish walk Zoot frames
# and C frames; zbt says what the runtime's backtrace would say, from
# the call-site table (section zoot_sites), which maps return addresses
# to procedure names and source positions.

import struct
import gdb

MAX_ITEMS = 20      # elements of a list or vector before "..."
MAX_CHARS = 200     # characters of a string before "..."

def word_size():
    arch = gdb.selected_frame().architecture().name() if gdb.selected_inferior().pid else ""
    return 8 if "64" in arch else 4

def read_words(addr, n, w):
    data = bytes(gdb.selected_inferior().read_memory(addr, n * w))
    return list(struct.unpack("<%d%s" % (n, "Q" if w == 8 else "I"), data))

def read_word(addr, w):
    return read_words(addr, 1, w)[0]

def signed(v, w):
    bits = 8 * w
    return v - (1 << bits) if v >> (bits - 1) else v

CHAR_NAMES = {32: "space", 10: "newline", 9: "tab", 13: "return", 0: "null", 127: "delete"}

def demangle(label):
    """zf_user_2_middle -> middle (compiler/names.zt's mangling undone)."""
    parts = label.split("_", 3)
    name = parts[3] if len(parts) == 4 and parts[0] == "zf" else label
    if name.endswith("_k"):
        name = name[:-2]
    out, i = "", 0
    while i < len(name):
        if name[i] == "_" and i + 2 < len(name) + 0 and all(c in "0123456789abcdefABCDEF" for c in name[i+1:i+3]):
            out += chr(int(name[i+1:i+3], 16))
            i += 3
        else:
            out += name[i]
            i += 1
    return out

def code_name(addr):
    try:
        block = gdb.block_for_pc(addr)
        fn = block.function if block else None
        if fn:
            return demangle(fn.name)
    except RuntimeError:
        pass
    sym = gdb.execute("info symbol %#x" % addr, to_string=True).split(" ")[0]
    return demangle(sym) if sym and sym != "No" else "%#x" % addr

class Printer:
    def __init__(self, w, depth):
        self.w, self.depth = w, depth

    def value(self, v, depth=0):
        w = self.w
        if depth > self.depth:
            return "..."
        if v & 3 == 0:
            return str(signed(v, w) >> 2)
        tag = v & 7
        if tag == 1:
            return self.pair(v, depth)
        if tag == 2:
            return self.immediate(v)
        if tag == 3:
            return self.obj(v, depth)
        return "#<not a value %#x>" % v

    def immediate(self, v):
        sub, payload = (v >> 3) & 31, v >> 8
        if sub == 0:
            return "#\\" + CHAR_NAMES.get(payload, chr(payload) if payload > 32 else "x%x" % payload)
        return {1: "#t" if payload else "#f", 2: "()", 3: "#<unspecified>",
                4: "#<eof>", 5: "#<unbound>", 6: "#<forwarded>"}.get(sub, "#<immediate %#x>" % v)

    def pair(self, v, depth):
        items, n = [], 0
        while v & 7 == 1:
            if n == MAX_ITEMS:
                items.append("...")
                return "(" + " ".join(items) + ")"
            car, cdr = read_words(v - 1, 2, self.w)
            items.append(self.value(car, depth + 1))
            v, n = cdr, n + 1
        tail = "" if v == 0x12 else " . " + self.value(v, depth + 1)
        return "(" + " ".join(items) + tail + ")"

    def fields(self, v, n):
        return read_words(v - 3 + self.w, n, self.w) if n else []

    def string(self, v, quote=True):
        n = read_word(v - 3, self.w) >> 8
        k = min(n, MAX_CHARS)
        data = bytes(gdb.selected_inferior().read_memory(v - 3 + self.w, 4 * k)) if k else b""
        chars = "".join(chr(c) for c in struct.unpack("<%dI" % k, data))
        if not quote:
            return chars
        text = chars.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return '"' + text + ('..."' if n > k else '"')

    def obj(self, v, depth):
        w = self.w
        header = read_word(v - 3, w)
        if header & 7 != 6:
            return "#<bad object %#x>" % v
        kind, length = (header >> 3) & 31, header >> 8
        if kind == 0:
            items = [self.value(x, depth + 1) for x in self.fields(v, min(length, MAX_ITEMS))]
            return "#(" + " ".join(items + (["..."] if length > MAX_ITEMS else [])) + ")"
        if kind == 1:
            return self.string(v)
        if kind == 2:
            return self.string(self.fields(v, 1)[0], quote=False)
        if kind == 3:
            return "#<procedure %s>" % code_name(self.fields(v, 1)[0])
        if kind == 4:
            fs = self.fields(v, min(length, MAX_ITEMS + 1))
            rtype = fs[0]
            name = self.string(self.fields(rtype, 1)[0], quote=False) if rtype & 7 == 3 else "record"
            return "#<" + " ".join([name] + [self.value(x, depth + 1) for x in fs[1:]]) + ">"
        if kind == 5:
            return "#<box %s>" % self.value(self.fields(v, 1)[0], depth + 1)
        if kind == 6:
            return "#<record-type %s>" % self.string(self.fields(v, 1)[0], quote=False)
        if kind == 7:
            return "#<hash-table>"
        if kind == 8:
            return "#<pointer %#x>" % self.fields(v, 1)[0] if length == 1 else "#<raw>"
        if kind == 9:
            info = self.fields(v, 1)[0]
            nd = info >> 1
            data = bytes(gdb.selected_inferior().read_memory(v - 3 + 2 * w, 4 * nd))
            m = 0
            for d in reversed(struct.unpack("<%dI" % nd, data)):
                m = (m << 32) | d
            return str(-m if info & 1 else m)
        if kind == 10:
            (d,) = struct.unpack("<d", bytes(gdb.selected_inferior().read_memory(v - 3 + w, 8)))
            return repr(d)
        if kind == 11:
            n, d = self.fields(v, 2)
            return self.value(n, depth) + "/" + self.value(d, depth)
        if kind == 13:
            k = min(length, MAX_ITEMS)
            data = bytes(gdb.selected_inferior().read_memory(v - 3 + w, k)) if k else b""
            return "#u8(" + " ".join([str(b) for b in data] + (["..."] if length > k else [])) + ")"
        if kind == 14:
            return "#<continuation>"
        return "#<object of type %d>" % kind

def to_word(expr):
    v = int(gdb.parse_and_eval(expr))
    return v & ((1 << (8 * word_size())) - 1)

class ZootPrint(gdb.Command):
    """zp[/DEPTH] EXPR: print the Zoot value whose word is EXPR."""
    def __init__(self):
        super().__init__("zp", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        depth = 8
        if arg.startswith("/"):
            spec, _, arg = arg[1:].partition(" ")
            depth = int(spec)
        if not arg.strip():
            raise gdb.GdbError("zp EXPR: the word of a Zoot value ($rax, *(long *)($rbp-16), ...)")
        print(Printer(word_size(), depth).value(to_word(arg)))

def frame_pointer(frame):
    arch = frame.architecture().name()
    reg = "rbp" if "64" in arch else ("ebp" if "386" in arch else "r11")
    return int(frame.read_register(reg)) & ((1 << (8 * word_size())) - 1)

class ZootFrame(gdb.Command):
    """zframe: the selected frame's slots as Zoot values."""
    def __init__(self):
        super().__init__("zframe", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        w = word_size()
        frame = gdb.selected_frame()
        fp = frame_pointer(frame)
        marker = read_word(fp - w, w)
        if marker & 3 or signed(marker, w) < 0 or marker >> 2 > 4096:
            print("not a Zoot frame (marker %#x at %#x)" % (marker, fp - w))
            return
        p = Printer(w, 4)
        print("frame of %s, %d slots" % (frame.name(), marker >> 2))
        for i in range(marker >> 2):
            print("  slot %d: %s" % (i, p.value(read_word(fp - 2 * w - w * i, w))))

def site_table():
    w = word_size()
    try:
        start = int(gdb.parse_and_eval("(long)&__start_zoot_sites")) & ((1 << (8 * w)) - 1)
        stop = int(gdb.parse_and_eval("(long)&__stop_zoot_sites")) & ((1 << (8 * w)) - 1)
    except gdb.error:
        return {}
    words = read_words(start, (stop - start) // w, w)
    table = {}
    for i in range(0, len(words) - 3, 4):
        table[words[i]] = (words[i + 1], words[i + 2], words[i + 3])
    return table

def c_string(addr):
    if not addr:
        return None
    return gdb.selected_inferior().read_memory(addr, 512).tobytes().split(b"\0")[0].decode("utf-8", "replace")

def is_zoot_code(pc):
    name = ""
    try:
        block = gdb.block_for_pc(pc)
        if block and block.function:
            name = block.function.name
    except RuntimeError:
        pass
    if not name:
        name = gdb.execute("info symbol %#x" % pc, to_string=True).split(" ")[0]
    return name.startswith(("zf_", "zinit_", "zent_", "zoot_entry"))

def global_word(name, w):
    return int(gdb.parse_and_eval("(unsigned long)%s" % name)) & ((1 << (8 * w)) - 1)

def zoot_frames(fp, w):
    """The return addresses of the frame chain from frame FP outwards,
    as the runtime walks it (runtime/continuations.c, zrt_frames_next):
    f[0] is the caller's frame, f[1] the return address, f[-1] the
    marker; an entry frame (marker -1) goes on from the Zoot frame that
    called into C, saved at f[-2] (its stack pointer at f[-3])."""
    for _ in range(100000):
        if not fp:
            return
        if signed(read_word(fp - w, w), w) == -1:
            saved_sp = read_word(fp - 3 * w, w)
            fp = read_word(fp - 2 * w, w)
            if not fp or not saved_sp:
                return
            yield read_word(saved_sp - w, w)
        else:
            pc = read_word(fp + w, w)
            fp = read_word(fp, w)
            yield pc

class ZootBacktrace(gdb.Command):
    """zbt [all]: the Zoot backtrace from the selected frame, as the runtime prints it."""
    def __init__(self):
        super().__init__("zbt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        show_all = arg.strip() == "all"
        w = word_size()
        table = site_table()
        frame = gdb.selected_frame()
        pcs = []
        if is_zoot_code(frame.pc()):
            sal = frame.find_sal()
            here = "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else "%#x" % frame.pc()
            print("stopped in %s at %s" % (code_name(frame.pc()), here))
            pcs = zoot_frames(frame_pointer(frame), w)
        else:
            # In C: from the Zoot frame that called into C, as the
            # runtime's own backtrace starts.
            fp, sp = global_word("zrt_zoot_frame", w), global_word("zrt_zoot_sp", w)
            if fp and sp:
                pcs = [read_word(sp - w, w)] + list(zoot_frames(fp, w))
        shown = 0
        for pc in pcs:
            site = table.get(pc)
            if site:
                name, where, flags = site
                if show_all or (not flags & 1 and (not flags & 2 or shown == 0)):
                    text = "  in (%s)" % c_string(name)
                    if where:
                        text += " at " + c_string(where)
                    print(text)
                    shown += 1

ZootPrint()
ZootFrame()
ZootBacktrace()
