;;;; bootstrap/primitives.lisp -- the Zoot primitives, written for SBCL.
;;;;
;;;; In:  nothing; defines functions in the ZG package.
;;;; Out: every primitive procedure the Zoot sources may call.
;;;;
;;;; Why it exists: a primitive is what the language cannot write in
;;;; itself -- object representation, fixnum arithmetic, the OS.  The same
;;;; set is implemented by the C runtime for native code; everything else
;;;; (lists, strings, ports, printing, exceptions) is Zoot code in
;;;; language/ that runs unchanged on both.  Each primitive checks its
;;;; arguments and reports a bad one through the Zoot procedures
;;;; %type-error, %range-error and %overflow-error (language/errors.zt), so
;;;; the message a user sees is composed by Zoot code in one place.

(in-package :zoot-boot)

(defmacro defprim (name lambda-list &body body)
  "Define the primitive NAME (a string) as ZG::NAME, value and function."
  (let ((sym (intern name :zg)))
    `(progn
       (defun ,sym ,lambda-list ,@body)
       (setf (symbol-value ',sym) #',sym)
       ',sym)))

(defun zbool (x) (if x +true+ +false+))

(defun call-zoot (name &rest args)
  (apply (the function (symbol-value (intern name :zg))) args))

(defun type-fail (who expected got)
  (call-zoot "%type-error" who expected got))

(defun range-fail (who index object)
  (call-zoot "%range-error" who index object))

(defun overflow-fail (who)
  (call-zoot "%overflow-error" who))

(defun simple-fail (message &rest irritants)
  (apply #'call-zoot "%simple-error" message irritants))

;;; ---------------------------------------------------------------------
;;; Types and equivalence

(defconstant +fix-max+ (1- (expt 2 61)))
(defconstant +fix-min+ (- (expt 2 61)))

(defun zfixnum-p (x) (and (integerp x) (<= +fix-min+ x +fix-max+)))

(defun zsymbol-p (x)
  (and (symbolp x) x
       (let ((p (symbol-package x)))
         (or (null p) (eq p (find-package :zoot))))))

(defun zvector-p (x) (and (simple-vector-p x) t))

(defprim "eq?" (a b) (zbool (or (eq a b) (and (numberp a) (eql a b)) (and (characterp a) (eql a b)))))
(defprim "eqv?" (a b) (zbool (eql a b)))
(defprim "pair?" (x) (zbool (consp x)))
(defprim "null?" (x) (zbool (null x)))
(defprim "symbol?" (x) (zbool (zsymbol-p x)))
(defprim "string?" (x) (zbool (stringp x)))
(defprim "char?" (x) (zbool (characterp x)))
(defprim "vector?" (x) (zbool (zvector-p x)))
(defprim "procedure?" (x) (zbool (functionp x)))
(defprim "boolean?" (x) (zbool (or (eq x +true+) (eq x +false+))))
(defprim "number?" (x) (zbool (numberp x)))
(defprim "integer?" (x) (zbool (zinteger-p x)))
(defprim "exact?" (x)
  (if (numberp x) (zbool (zexact-p x)) (type-fail "exact?" "a number" x)))
(defprim "eof-object?" (x) (zbool (eq x +eof+)))
(defprim "eof-object" () +eof+)
(defprim "%greatest-fixnum" () +fix-max+)
(defprim "%unspecified" () +unspecified+)

;;; ---------------------------------------------------------------------
;;; Pairs

(defprim "cons" (a b) (cons a b))
(defprim "car" (x) (if (consp x) (car x) (type-fail "car" "a pair" x)))
(defprim "cdr" (x) (if (consp x) (cdr x) (type-fail "cdr" "a pair" x)))
(defprim "set-car!" (x v)
  (if (consp x) (progn (setf (car x) v) +unspecified+) (type-fail "set-car!" "a pair" x)))
(defprim "set-cdr!" (x v)
  (if (consp x) (progn (setf (cdr x) v) +unspecified+) (type-fail "set-cdr!" "a pair" x)))

;;; ---------------------------------------------------------------------
;;; Arithmetic: CL's numbers are the numeric tower (integers of any
;;; size, ratios, double-floats, complexes), so the arithmetic
;;; primitives are CL's, and the kernels language/numbers.zt calls
;;; (%int-add ...) are too.  Zoot's number types map onto them: fixnum
;;; and bignum = integer, ratnum = ratio, flonum = double-float,
;;; compnum = complex.

(defmacro check-num (who x)
  `(unless (numberp ,x) (type-fail ,who "a number" ,x)))

(defmacro check-int (who x)
  `(unless (integerp ,x) (type-fail ,who "an integer" ,x)))

(defun zinteger-p (x)
  (or (integerp x)
      (and (floatp x) (zfinite-p x) (= x (ffloor x)))))

(defun zexact-p (x)
  (if (complexp x) (rationalp (realpart x)) (rationalp x)))

(defun zfinite-p (x)
  (not (or (sb-ext:float-infinity-p x) (sb-ext:float-nan-p x))))

(defprim "+" (&rest xs)
  (let ((sum 0))
    (dolist (x xs sum)
      (check-num "+" x)
      (setf sum (+ sum x)))))

(defprim "*" (&rest xs)
  (let ((product 1))
    (dolist (x xs product)
      (check-num "*" x)
      (setf product (* product x)))))

(defprim "-" (x &rest xs)
  (check-num "-" x)
  (if (null xs)
      (- x)
      (let ((result x))
        (dolist (y xs result)
          (check-num "-" y)
          (setf result (- result y))))))

(defun check-compared (who x)
  (if (string= who "=")
      (check-num who x)
      (unless (realp x) (type-fail who "a real number" x))))

(defmacro defcompare (name op)
  `(defprim ,name (x &rest xs)
     (check-compared ,name x)
     (let ((ok t))
       (loop for prev = x then y
             for y in xs
             do (check-compared ,name y)
                (unless (,op prev y) (setf ok nil)))
       (zbool ok))))

(defcompare "=" =)
(defcompare "<" <)
(defcompare ">" >)
(defcompare "<=" <=)
(defcompare ">=" >=)
;;; Two-argument arithmetic and comparisons are most of what the
;;; compiler computes when stage0 runs it, and the variadic primitives
;;; above cost a rest list and a loop each time.  These compiler macros
;;; open-code a call with exactly two arguments when both are fixnums
;;; and the result stays in Zoot's range; anything else (other counts,
;;; non-integers, overflow) calls the primitive, which reports it.  The
;;; call in the slow path is notinline so that it is not expanded again.
(defmacro def-fast-binary (name result)
  (let ((sym (intern name :zg)))
    `(define-compiler-macro ,sym (&whole form &rest args)
       (if (/= (length args) 2)
           form
           (let ((a (gensym "A")) (b (gensym "B")))
             `(let ((,a ,(first args)) (,b ,(second args)))
                (if (and (typep ,a 'fixnum) (typep ,b 'fixnum))
                    ,(funcall ,result a b
                              `(locally (declare (notinline ,',sym)) (,',sym ,a ,b)))
                    (locally (declare (notinline ,',sym)) (,',sym ,a ,b)))))))))

(defun fast-arith (op)
  (lambda (a b slow)
    (let ((r (gensym "R")))
      `(let ((,r (,op (the fixnum ,a) (the fixnum ,b))))
         (if (<= +fix-min+ ,r +fix-max+) ,r ,slow)))))

(defun fast-compare (op)
  (lambda (a b slow)
    (declare (ignore slow))
    `(zbool (,op (the fixnum ,a) (the fixnum ,b)))))

(def-fast-binary "+" (fast-arith '+))
(def-fast-binary "-" (fast-arith '-))
(def-fast-binary "=" (fast-compare '=))
(def-fast-binary "<" (fast-compare '<))
(def-fast-binary ">" (fast-compare '>))
(def-fast-binary "<=" (fast-compare '<=))
(def-fast-binary ">=" (fast-compare '>=))

(defmacro defdivision (name op)
  `(defprim ,name (a b)
     (check-int ,name a)
     (check-int ,name b)
     (if (zerop b)
         (simple-fail ,(format nil "~a: division by zero" name))
         (values (,op a b)))))

(defdivision "quotient" truncate)
(defdivision "remainder" rem)
(defdivision "modulo" mod)

;;; ---------------------------------------------------------------------
;;; Symbols and characters

(defprim "symbol->string" (s)
  (if (zsymbol-p s) (copy-seq (symbol-name s)) (type-fail "symbol->string" "a symbol" s)))
(defprim "string->symbol" (s)
  (if (stringp s) (intern (copy-seq s) :zoot) (type-fail "string->symbol" "a string" s)))

(defvar *zoot-gensym-counter* 0)
(defprim "%gensym" (prefix)
  (make-symbol (format nil "~a~d" prefix (incf *zoot-gensym-counter*))))
(defprim "%make-symbol" (name)
  (if (stringp name) (make-symbol (copy-seq name)) (type-fail "%make-symbol" "a string" name)))

(defprim "char->integer" (c)
  (if (characterp c) (char-code c) (type-fail "char->integer" "a character" c)))
(defprim "integer->char" (n)
  (if (and (integerp n) (<= 0 n #x10ffff) (not (<= #xd800 n #xdfff)))
      (code-char n)
      (type-fail "integer->char" "a valid character code" n)))

;;; ---------------------------------------------------------------------
;;; Strings and vectors

(defun check-index (who obj i length)
  (cond ((not (integerp i)) (type-fail who "an index" i))
        ((not (< -1 i length)) (range-fail who i obj))))

(defprim "make-string" (n &optional (fill #\Space))
  (unless (and (integerp n) (<= 0 n (expt 2 28))) (type-fail "make-string" "a length" n))
  (unless (characterp fill) (type-fail "make-string" "a character" fill))
  (make-string n :initial-element fill))
(defprim "string-length" (s)
  (if (stringp s) (length s) (type-fail "string-length" "a string" s)))
(defprim "string-ref" (s i)
  (unless (stringp s) (type-fail "string-ref" "a string" s))
  (check-index "string-ref" s i (length s))
  (char s i))
(defprim "string-set!" (s i c)
  (unless (stringp s) (type-fail "string-set!" "a string" s))
  (check-index "string-set!" s i (length s))
  (unless (characterp c) (type-fail "string-set!" "a character" c))
  (setf (char s i) c)
  +unspecified+)

;; The library's substring and string-append copy with this (the native
;; runtime's zp_string_copy); the library checks the ranges first.
(defprim "%string-copy!" (to at from start end)
  (replace to from :start1 at :start2 start :end2 end)
  +unspecified+)

(defprim "%string-compare" (a b)
  (cond ((string< a b) -1) ((string= a b) 0) (t 1)))
(defprim "%string-append" (strings)
  (apply #'concatenate 'string strings))
;;; The numeric kernels (runtime/numbers.c natively).
(defprim "%fixnum?" (x) (zbool (zfixnum-p x)))
(defprim "%fixnums?" (a b) (zbool (and (zfixnum-p a) (zfixnum-p b))))
(defprim "%num-type" (x)
  (cond ((zfixnum-p x) 0) ((integerp x) 1) ((rationalp x) 2) ((floatp x) 3)
        ((complexp x) 4) (t -1)))
(defprim "%num-eqv?" (a b) (zbool (eql a b)))
(defprim "%int-add" (a b) (check-int "+" a) (check-int "+" b) (+ a b))
(defprim "%int-sub" (a b) (check-int "-" a) (check-int "-" b) (- a b))
(defprim "%int-mul" (a b) (check-int "*" a) (check-int "*" b) (* a b))
(defprim "%int-quotient" (a b) (values (truncate a b)))
(defprim "%int-remainder" (a b) (rem a b))
(defprim "%int-compare" (a b) (cond ((< a b) -1) ((= a b) 0) (t 1)))
(defprim "%int->string" (n radix)
  (string-downcase (write-to-string n :base radix :radix nil)))
(defprim "%digits->int" (s start end radix)
  (if (and (< start end)
           (loop for i from start below end always (digit-char-p (char s i) radix)))
      (parse-integer s :start start :end end :radix radix)
      +false+))

;;; Flonums are double-floats.  Every operation runs with the float
;;; traps masked, so overflow gives an infinity and 0/0 a NaN, as IEEE
;;; says and as the C runtime does.  The conversions the compiler
;;; depends on are exact on SBCL: a decimal literal becomes the exact
;;; rational of its digits and then the nearest double (SBCL's rational
;;; to float conversion rounds correctly, ties to even, as flotext.c's
;;; does), and %flo-bits reads the IEEE bits with integer operations.
;;; The functions of (scheme inexact) use SBCL's libm here, so their
;;; last bit may differ from mathlib.c's; no compiler output uses them.
(defmacro with-ieee (&body body)
  `(sb-int:with-float-traps-masked (:overflow :invalid :divide-by-zero :inexact :underflow)
     ,@body))

(defconstant +inf+ sb-ext:double-float-positive-infinity)
(defconstant +-inf+ sb-ext:double-float-negative-infinity)

(defun zfloat (r)
  "The double nearest to rational R (an infinity beyond the largest)."
  (if (>= (abs r) (expt 2 1024))
      (if (minusp r) +-inf+ +inf+)
      (with-ieee (handler-case (coerce r 'double-float)
                   (floating-point-overflow () (if (minusp r) +-inf+ +inf+))))))

(defprim "%int->flo" (n) (zfloat n))
(defprim "%ratio->flo" (n d) (zfloat (/ n d)))
(defprim "%flo-add" (a b) (with-ieee (+ a b)))
(defprim "%flo-sub" (a b) (with-ieee (- a b)))
(defprim "%flo-mul" (a b) (with-ieee (* a b)))
(defprim "%flo-div" (a b)
  (with-ieee (if (zerop b)
                 (cond ((or (sb-ext:float-nan-p a) (zerop a)) (- +inf+ +inf+))
                       ((eq (minusp (float-sign a)) (minusp (float-sign b))) +inf+)
                       (t +-inf+))
                 (/ a b))))
(defprim "%flo-compare" (a b)
  (with-ieee (cond ((< a b) -1) ((> a b) 1) ((= a b) 0) (t +false+))))
(defprim "%digits->flo" (s start end x10 negative)
  (let* ((digits (parse-integer s :start start :end end))
         (r (* digits (expt 10 (- x10 (- end start)))))
         (d (zfloat r)))
    (if (eq negative +false+) d (- d))))
(defprim "%flo-bits" (x)
  (logior (ash (ldb (byte 32 0) (sb-kernel:double-float-high-bits x)) 32)
          (sb-kernel:double-float-low-bits x)))
(defprim "%flo-decode" (x)
  (if (or (sb-ext:float-infinity-p x) (sb-ext:float-nan-p x))
      +false+
      (multiple-value-bind (m e sign) (integer-decode-float x)
        (if (zerop m)
            (list 0 0 (zbool (minusp (float-sign x))))
            (progn (loop while (evenp m) do (setf m (ash m -1)) (incf e))
                   (list m e (zbool (minusp sign))))))))
(defprim "%flo-fun" (code x)
  (with-ieee
    (case code
      (0 (if (minusp x) (- +inf+ +inf+) (sqrt x)))
      (1 (exp x))
      (2 (cond ((zerop x) +-inf+) ((minusp x) (- +inf+ +inf+)) (t (log x))))
      (3 (sin x)) (4 (cos x)) (5 (tan x))
      (6 (if (<= -1 x 1) (asin x) (- +inf+ +inf+)))
      (7 (if (<= -1 x 1) (acos x) (- +inf+ +inf+)))
      (8 (atan x))
      (9 (ffloor x)) (10 (fceiling x)) (11 (ftruncate x)) (12 (fround x))
      (13 (zbool (sb-ext:float-nan-p x)))
      (14 (zbool (sb-ext:float-infinity-p x))))))
(defprim "%flo-atan2" (y x) (with-ieee (atan y x)))
(defprim "%flo-expt" (x y) (with-ieee (expt x y)))
(defprim "%flo->string" (x) (zflonum-text x))
(defprim "%make-ratnum" (n d) (/ n d))
(defprim "%make-compnum" (a b) (complex a b))
;;; The shortcut of the generic paths: #f sends them the full way.
(defprim "%num-quick" (op a b) (declare (ignore op a b)) +false+)
(defprim "%num-part" (x i)
  (if (complexp x)
      (if (eql i 0) (realpart x) (imagpart x))
      (if (eql i 0) (numerator x) (denominator x))))

;;; X as Zoot prints a flonum (runtime/flotext.h: Chez's format), from
;;; SBCL's shortest digits (Burger and Dybvig's free-format algorithm,
;;; which picks the closest of the shortest, as flotext.c does).
(defun zflonum-text (x)
  (cond ((sb-ext:float-nan-p x) "+nan.0")
        ((sb-ext:float-infinity-p x) (if (plusp x) "+inf.0" "-inf.0"))
        ((zerop x) (if (minusp (float-sign x)) "-0.0" "0.0"))
        (t (multiple-value-bind (k digits) (sb-impl::flonum-to-digits (abs x))
             ;; |x| = 0.DIGITS * 10^k, so d1.d2... * 10^(k-1).
             (concatenate 'string (if (minusp x) "-" "") (zflonum-layout digits (1- k)))))))

(defun zflonum-layout (digits e)
  (let ((n (length digits)))
    (cond ((<= 0 e 9)
           (if (< e (1- n))
               (concatenate 'string (subseq digits 0 (1+ e)) "." (subseq digits (1+ e)))
               (concatenate 'string digits (make-string (- e (1- n)) :initial-element #\0) ".0")))
          ((<= -3 e -1)
           (concatenate 'string "0." (make-string (- (- e) 1) :initial-element #\0) digits))
          (t (concatenate 'string (subseq digits 0 1) (if (> n 1) "." "") (subseq digits 1)
                          "e" (princ-to-string e))))))

(defprim "%number->string" (n radix)
  (string-downcase (write-to-string n :base radix :radix nil)))

(defprim "make-vector" (n &optional (fill +false+))
  (unless (and (integerp n) (<= 0 n (expt 2 28))) (type-fail "make-vector" "a length" n))
  (make-array n :initial-element fill))
(defprim "vector-length" (v)
  (if (zvector-p v) (length v) (type-fail "vector-length" "a vector" v)))
(defprim "vector-ref" (v i)
  (unless (zvector-p v) (type-fail "vector-ref" "a vector" v))
  (check-index "vector-ref" v i (length v))
  (svref v i))
(defprim "vector-set!" (v i x)
  (unless (zvector-p v) (type-fail "vector-set!" "a vector" v))
  (check-index "vector-set!" v i (length v))
  (setf (svref v i) x)
  +unspecified+)

;;; ---------------------------------------------------------------------
;;; Records: a record is its type plus a vector of fields.  The language
;;; builds define-record-type on these.

(defstruct (record-type) name fields)
(defstruct (zrecord (:constructor new-zrecord (type fields))) type fields)

(defprim "%make-record-type" (name fields) (make-record-type :name name :fields fields))
(defprim "%record-type-name" (rt) (record-type-name rt))
(defprim "%make-record" (type n fill) (new-zrecord type (make-array n :initial-element fill)))
(defprim "%record?" (x) (zbool (zrecord-p x)))
(defprim "%record-type" (x) (zrecord-type x))
(defprim "%record-ref" (r i) (svref (zrecord-fields r) i))
(defprim "%record-set!" (r i v) (setf (svref (zrecord-fields r) i) v) +unspecified+)
(defprim "%record-of-type?" (x type)
  (zbool (and (zrecord-p x) (eq (zrecord-type x) type))))
(defprim "%checked-record-ref" (x type i who)
  (if (and (zrecord-p x) (eq (zrecord-type x) type))
      (svref (zrecord-fields x) i)
      (type-fail who (format nil "a ~a record" (record-type-name type)) x)))
(defprim "%checked-record-set!" (x type i v who)
  (if (and (zrecord-p x) (eq (zrecord-type x) type))
      (progn (setf (svref (zrecord-fields x) i) v) +unspecified+)
      (type-fail who (format nil "a ~a record" (record-type-name type)) x)))

;;; ---------------------------------------------------------------------
;;; Hash tables.  KIND is one of the symbols eq eqv equal string.  Keys
;;; come back in insertion order (SBCL keeps it while nothing is
;;; deleted), which keeps the compiler's output deterministic.

(defun zequal (a b)
  (cond ((eql a b) t)
        ((and (consp a) (consp b)) (and (zequal (car a) (car b)) (zequal (cdr a) (cdr b))))
        ((and (stringp a) (stringp b)) (string= a b))
        ((and (zbytevector-p a) (zbytevector-p b)) (equalp a b))
        ((and (zvector-p a) (zvector-p b))
         (and (= (length a) (length b)) (every #'zequal a b)))
        (t nil)))

(defun zequal-hash (x &optional (depth 4))
  (cond ((stringp x) (sxhash x))
        ((zbytevector-p x) (sxhash (length x)))
        ((consp x) (if (zerop depth) 17
                       (logand most-positive-fixnum
                               (+ (* 31 (zequal-hash (car x) (1- depth)))
                                  (zequal-hash (cdr x) (1- depth))))))
        ((zvector-p x) (if (or (zerop depth) (zerop (length x))) 19
                           (logand most-positive-fixnum
                                   (+ (length x) (* 31 (zequal-hash (svref x 0) (1- depth)))))))
        ((or (numberp x) (characterp x) (symbolp x)) (sxhash x))
        (t (sb-impl::eq-hash x))))

(sb-ext:define-hash-table-test zequal zequal-hash)

(defprim "%make-table" (kind)
  (let ((k (symbol-name kind)))
    (cond ((string= k "eq") (make-hash-table :test 'eql))
          ((string= k "eqv") (make-hash-table :test 'eql))
          ((string= k "string") (make-hash-table :test 'equal))
          (t (make-hash-table :test 'zequal)))))
(defprim "%table?" (x) (zbool (hash-table-p x)))
(defprim "%table-ref" (table key default)
  (multiple-value-bind (value found) (gethash key table)
    (if found value default)))
(defprim "%table-set!" (table key value) (setf (gethash key table) value) +unspecified+)
(defprim "%table-delete!" (table key) (remhash key table) +unspecified+)
(defprim "%table-count" (table) (hash-table-count table))
(defprim "%table-keys" (table)
  (let ((keys '()))
    (maphash (lambda (k v) (declare (ignore v)) (push k keys)) table)
    (nreverse keys)))

;;; ---------------------------------------------------------------------
;;; Control

(defprim "apply" (f &rest args)
  (unless (functionp f) (type-fail "apply" "a procedure" f))
  (let ((spread (car (last args))))
    (unless (listp spread) (type-fail "apply" "a list" spread))
    (apply f (apply #'list* args))))

;;; %call/cc calls F with a continuation object; %continuation-throw
;;; resumes it with a value (language/control.zt builds call/cc and
;;; dynamic-wind on the two).  On SBCL a continuation is a catch tag:
;;; it can only escape, while its %call/cc is still active.  Resuming
;;; one after that (re-entry, which native code supports) is an error
;;; with its own message, never a wrong answer.
(defstruct (zoot-continuation (:constructor make-zoot-continuation ()))
  (tag (list 'continuation))
  (live t))

(defprim "%call/cc" (f)
  (let ((k (make-zoot-continuation)))
    (unwind-protect
         (catch (zoot-continuation-tag k) (funcall f k))
      (setf (zoot-continuation-live k) nil))))

(defprim "%continuation-throw" (k value)
  (unless (zoot-continuation-p k)
    (type-fail "%continuation-throw" "a continuation" k))
  (unless (zoot-continuation-live k)
    (simple-fail "continuation called after its call/cc returned: re-entry is not supported by the SBCL bootstrap interpreter (the native build supports it)"))
  (throw (zoot-continuation-tag k) value))

;;; ---------------------------------------------------------------------
;;; The operating system: byte-free, string-level I/O on file
;;; descriptors 0, 1 and 2 and whole files.

(defun fd-stream (fd)
  (case fd (1 *standard-output*) (2 *error-output*) (t *standard-input*)))

(defprim "%write-string" (fd s)
  (write-string s (fd-stream fd))
  (when (= fd 2) (force-output *error-output*))
  +unspecified+)
(defprim "%flush" (fd) (force-output (fd-stream fd)) +unspecified+)

(defprim "%read-chunk" (fd)
  ;; One line with its newline, or what is left before end of file.
  (multiple-value-bind (line missing-newline) (read-line (fd-stream fd) nil nil)
    (cond ((null line) +eof+)
          (missing-newline (if (string= line "") +eof+ line))
          (t (concatenate 'string line (string #\Newline))))))

(defprim "%read-file" (path)
  (handler-case
      (with-open-file (in path :external-format '(:utf-8 :replacement #\?))
        (let* ((s (make-string (file-length in)))
               (n (read-sequence s in)))
          (subseq s 0 n)))
    (error () +false+)))

(defprim "%write-file" (path contents)
  (handler-case
      (with-open-file (out path :direction :output :if-exists :supersede
                                :external-format :utf-8)
        (if (stringp contents)
            (write-string contents out)
            (dolist (piece contents) (write-string piece out)))
        +true+)
    (error () +false+)))

(defprim "%file-exists?" (path) (zbool (probe-file path)))
(defprim "%delete-file" (path)
  (handler-case (progn (delete-file path) +true+) (error () +false+)))
(defprim "%getenv" (name) (or (sb-ext:posix-getenv name) +false+))

(defvar *command-line* '())
(defprim "%command-line" () *command-line*)

(defprim "%exit" (code)
  (finish-output *standard-output*)
  (finish-output *error-output*)
  (sb-ext:exit :code code :abort t))

(defprim "%current-jiffy" () (get-internal-real-time))
(defprim "%jiffies-per-second" () internal-time-units-per-second)
(defprim "%machine-backtrace" (limit)
  (declare (ignore limit))
  (cons nil 0))
(defprim "%isatty" (fd) (zbool (= 1 (sb-unix:unix-isatty fd))))
(defprim "%input-ready?" (fd)
  ;; A character (or the end of input) there now, as char-ready? asks.
  (let ((c (read-char-no-hang (fd-stream fd) nil :eof)))
    (cond ((eq c :eof) +true+)
          (c (unread-char c (fd-stream fd)) +true+)
          (t +false+))))

;;; ---------------------------------------------------------------------
;;; Unicode (language/chars.zt): SBCL's own tables stand in for the
;;; runtime's (runtime/unicode.c); both follow the Unicode database.

(defprim "%char-props" (c)
  (+ (if (sb-unicode:alphabetic-p c) 1 0)
     (if (sb-unicode:whitespace-p c) 2 0)
     (if (sb-unicode:uppercase-p c) 4 0)
     (if (sb-unicode:lowercase-p c) 8 0)
     (if (sb-unicode:decimal-value c) 16 0)))
;;; CL's char-upcase and char-downcase leave alone a character whose
;;; mapping does not map back (ı, İ); the string mappings have those.
(defun one-char-case (c simple full first-ok)
  (let ((s (funcall simple c)))
    (if (char/= s c)
        s
        (let ((m (funcall full (string c))))
          (cond ((= (length m) 1) (char m 0))
                ((and first-ok (> (length m) 1)) (char m 0))
                (t c))))))
(defprim "%char-case" (c kind)
  (case kind
    (0 (one-char-case c #'char-upcase #'sb-unicode:uppercase nil))
    (1 (one-char-case c #'char-downcase #'sb-unicode:lowercase t))
    (t (let ((s (sb-unicode:casefold (string c))))
         (if (= (length s) 1) (char s 0) (char-downcase c))))))
(defprim "%digit-value" (c) (or (sb-unicode:decimal-value c) +false+))
(defprim "%string-case" (s kind)
  (case kind
    (0 (sb-unicode:uppercase s))
    (1 (sb-unicode:lowercase s))
    (t (sb-unicode:casefold s))))

;;; ---------------------------------------------------------------------
;;; Bytevectors (runtime/bytevectors.c): (unsigned-byte 8) vectors.

(defun zbytevector-p (x) (typep x '(simple-array (unsigned-byte 8) (*))))
(defun check-bytevector (who x)
  (unless (zbytevector-p x) (type-fail who "a bytevector" x)))
(defun check-byte (who b)
  (unless (and (integerp b) (<= 0 b 255))
    (type-fail who "a byte (an exact integer from 0 to 255)" b)))
(defun check-position (who obj i length)
  (cond ((not (integerp i)) (type-fail who "an index" i))
        ((not (<= 0 i length)) (range-fail who i obj))))

(defprim "bytevector?" (x) (zbool (zbytevector-p x)))
(defprim "%make-bytevector" (n fill)
  (unless (and (integerp n) (<= 0 n (expt 2 30))) (type-fail "make-bytevector" "a length" n))
  (check-byte "make-bytevector" fill)
  (make-array n :element-type '(unsigned-byte 8) :initial-element fill))
(defprim "bytevector-length" (bv)
  (check-bytevector "bytevector-length" bv)
  (length bv))
(defprim "bytevector-u8-ref" (bv i)
  (check-bytevector "bytevector-u8-ref" bv)
  (check-index "bytevector-u8-ref" bv i (length bv))
  (aref bv i))
(defprim "bytevector-u8-set!" (bv i b)
  (check-bytevector "bytevector-u8-set!" bv)
  (check-index "bytevector-u8-set!" bv i (length bv))
  (check-byte "bytevector-u8-set!" b)
  (setf (aref bv i) b)
  +unspecified+)
(defprim "%bytevector-copy!" (to at from start end)
  (check-bytevector "bytevector-copy!" to)
  (check-bytevector "bytevector-copy!" from)
  (check-position "bytevector-copy!" from start (length from))
  (check-position "bytevector-copy!" from end (length from))
  (when (< end start) (range-fail "bytevector-copy!" end from))
  (check-position "bytevector-copy!" to at (length to))
  (when (> (- end start) (- (length to) at)) (range-fail "bytevector-copy!" at to))
  (replace to from :start1 at :start2 start :end2 end)
  +unspecified+)
(defprim "%bytevector=?" (a b) (zbool (equalp a b)))
(defprim "%utf8->string" (bv start end)
  (check-bytevector "utf8->string" bv)
  (sb-ext:octets-to-string bv :external-format '(:utf-8 :replacement #\?) :start start :end end))
(defprim "%string->utf8" (s start end)
  (unless (stringp s) (type-fail "string->utf8" "a string" s))
  (coerce (sb-ext:string-to-octets s :external-format :utf-8 :start start :end end)
          '(simple-array (unsigned-byte 8) (*))))

;;; Binary files and the environment (runtime/host/files.c, process.c).
(defprim "%read-file-bytes" (path)
  (handler-case
      (with-open-file (in path :element-type '(unsigned-byte 8))
        (let* ((bv (make-array (file-length in) :element-type '(unsigned-byte 8)))
               (n (read-sequence bv in)))
          (subseq bv 0 n)))
    (error () +false+)))
(defprim "%write-file-bytes" (path bytes)
  (handler-case
      (with-open-file (out path :direction :output :if-exists :supersede
                                :element-type '(unsigned-byte 8))
        (if (zbytevector-p bytes)
            (write-sequence bytes out)
            (dolist (piece bytes) (write-sequence piece out)))
        +true+)
    (error () +false+)))
(defprim "%environment" ()
  (loop for entry in (sb-ext:posix-environ)
        for eq = (position #\= entry)
        when eq collect (cons (subseq entry 0 eq) (subseq entry (1+ eq)))))
