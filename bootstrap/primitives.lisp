;;;; bootstrap/primitives.lisp -- the Zoot primitives, in portable Common Lisp.
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
;;;; %type-error, %range-error and %simple-error (language/control.zt), so
;;;; the message a user sees is composed by Zoot code in one place.
;;;; What the standard lacks comes from bootstrap/host-HOST.lisp; what the
;;;; compiler's output depends on (float bits and decimal conversions,
;;;; table order, UTF-8) is computed here with integers, never by the
;;;; host, so that stage0 writes the same bytes on every host.

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
  (not (or (host-infinity-p x) (host-nan-p x))))

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

;;; A NaN (or a complex with a NaN part) is unordered: every comparison
;;; with it is false.  The host's own < would compare a NaN with an exact
;;; number through its (meaningless) rational value, so it is not asked.
(defun nan-part-p (x)
  (cond ((floatp x) (host-nan-p x))
        ((complexp x) (or (nan-part-p (realpart x)) (nan-part-p (imagpart x))))
        (t nil)))

(defmacro defcompare (name op)
  `(defprim ,name (x &rest xs)
     (check-compared ,name x)
     (let ((ok (not (nan-part-p x))))
       (loop for prev = x then y
             for y in xs
             do (check-compared ,name y)
                (unless (and ok (not (nan-part-p y)) (,op prev y)) (setf ok nil)))
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
;;; traps masked (with-ieee, from the host file), so overflow gives an
;;; infinity and 0/0 a NaN, as IEEE says and as the C runtime does.  The
;;; conversions the compiler depends on are computed here with exact
;;; integer arithmetic rather than trusted to the host: a decimal
;;; literal becomes the exact rational of its digits and then the nearest
;;; double (ties to even, as flotext.c does), %flo-bits reads the IEEE
;;; bits off the exact rational of the double, and the shortest digits of
;;; a double are searched with the same conversion.  The functions of
;;; (scheme inexact) use the host's libm here, so their last bit may
;;; differ from mathlib.c's; no compiler output uses them.

;;; E with 2^E <= A < 2^(E+1), for a rational A > 0.
(defun binary-exponent (a)
  (let* ((n (numerator a))
         (d (denominator a))
         (e (- (integer-length n) (integer-length d))))
    (if (< (* n (expt 2 (max 0 (- e)))) (* d (expt 2 (max 0 e)))) (1- e) e)))

(defun zfloat (r)
  "The double nearest to rational R, ties to even (an infinity beyond the largest)."
  (if (zerop r)
      0d0
      (let* ((a (abs r))
             (s (max (- (binary-exponent a) 52) -1074))
             (m (round (* a (expt 2 (- s))))))  ; CL's round: ties to even
        (if (>= (* m (expt 2 s)) (expt 2 1024))
            (if (minusp r) +-inf+ +inf+)
            ;; In two steps, so that a normal result has a normal
            ;; intermediate (CLISP, without subnormals, needs that).
            (let ((x (with-ieee (scale-float (scale-float (float m 1d0) (- s (floor s 2))) (floor s 2)))))
              (if (minusp r) (- x) x))))))

;;; The IEEE bits of double X as an integer, from its exact value.
(defun zflo-bits (x)
  (let ((sign (if (minusp (float-sign x)) (ash 1 63) 0)))
    (cond ((host-nan-p x) (host-nan-bits x))
          ((host-infinity-p x) (logior sign (ash #x7ff 52)))
          ((zerop x) sign)
          (t (let* ((a (abs (rational x)))
                    (e (binary-exponent a)))
               (if (>= e -1022)
                   (logior sign (ash (+ e 1023) 52) (- (* a (expt 2 (- 52 e))) (expt 2 52)))
                   (logior sign (* a (expt 2 1074)))))))))

(defprim "%int->flo" (n) (zfloat n))
(defprim "%ratio->flo" (n d) (zfloat (/ n d)))
(defprim "%flo-add" (a b) (with-ieee (+ a b)))
(defprim "%flo-sub" (a b) (with-ieee (- a b)))
(defprim "%flo-mul" (a b) (with-ieee (* a b)))
(defprim "%flo-div" (a b)
  (with-ieee (if (zerop b)
                 (cond ((or (host-nan-p a) (zerop a)) (- +inf+ +inf+))
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
(defprim "%flo-bits" (x) (zflo-bits x))
(defprim "%flo-decode" (x)
  (if (not (zfinite-p x))
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
      (13 (zbool (host-nan-p x)))
      (14 (zbool (host-infinity-p x)))
      (15 (sinh x)) (16 (cosh x)))))
(defprim "%flo-atan2" (y x) (with-ieee (atan y x)))
(defprim "%flo-hypot" (x y) (with-ieee (abs (complex x y))))
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

;;; The shortest digits that read back as double X > 0, the closest of
;;; them to X when there are several (as flotext.c picks): K and DIGITS
;;; with X = 0.DIGITS * 10^K.  For each length P from 1 the P-digit
;;; decimals nearest X from below and above are the only candidates
;;; (any other in X's rounding interval has one of them between it and
;;; X), the nearer tried first, the upper one on a tie (as Burger and
;;; Dybvig's free-format algorithm, SBCL, Chez and flotext.c do).
(defun zshortest-digits (x)
  (let* ((r (rational x))
         (k (decimal-exponent r))
         (u (max (- (binary-exponent r) 52) -1074))   ; X's last place is 2^u
         (ulp (expt 2 u))
         (m (/ r ulp))
         ;; The rationals that read back as X: within half a last place,
         ;; a quarter below a power of two (its predecessor's last place
         ;; is half as big), the ends included when M is even.
         (high (+ r (/ ulp 2)))
         (low (- r (if (and (= m (expt 2 52)) (> u -1074)) (/ ulp 4) (/ ulp 2)))))
    (loop for p from 1 to 17
          do (let* ((scaled (* r (expt 10 (- p k))))
                    (near (floor (+ scaled 1/2)))
                    (other (if (< near scaled) (1+ near) (1- near))))
               (dolist (c (list near other))
                 (when (and (plusp c)
                            (let ((v (* c (expt 10 (- k p)))))
                              (if (evenp m) (<= low v high) (< low v high))))
                   (let* ((text (princ-to-string c))
                          (end (1+ (position #\0 text :test-not #'char= :from-end t))))
                     (return-from zshortest-digits
                       (values (+ k (- (length text) p)) (subseq text 0 end))))))))
    (error "no shortest digits for ~a" x)))

;;; K with 10^(K-1) <= R < 10^K, for a rational R > 0.
(defun decimal-exponent (r)
  (let ((k (floor (* (binary-exponent r) 3) 10)))   ; log10(2) > 0.3: k is low
    (loop while (>= r (expt 10 k)) do (incf k))
    (loop while (< r (expt 10 (1- k))) do (decf k))
    k))

;;; X as Zoot prints a flonum (runtime/flotext.h: Chez's format).
(defun zflonum-text (x)
  (cond ((host-nan-p x) "+nan.0")
        ((host-infinity-p x) (if (plusp x) "+inf.0" "-inf.0"))
        ((zerop x) (if (minusp (float-sign x)) "-0.0" "0.0"))
        (t (multiple-value-bind (k digits) (zshortest-digits (abs x))
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
;;; come back in insertion order, as runtime/tables.c gives them (a
;;; deleted key leaves, a re-inserted one goes to the end), which keeps
;;; the compiler's output deterministic.  The order is kept here, not
;;; asked of the host's tables (whose order the standard leaves open):
;;; CELLS holds (key . value) conses in insertion order, INDEX finds a
;;; key's cons.  Equal tables index strings, pairs and vectors by
;;; zequal-hash in buckets and every other key (compared by eqv) in an
;;; eql table, so no custom hash-table test is needed.

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
        (t 23)))

(defun structured-key-p (x) (or (consp x) (stringp x) (zvector-p x) (zbytevector-p x)))

(defstruct (ztable (:constructor new-ztable (equal-p index)))
  equal-p                               ; zequal: buckets for structured keys
  index                                 ; key -> cell (or hash -> cells)
  (atoms (make-hash-table :test 'eql))  ; equal tables: eqv keys -> cell
  (cells (make-array 8 :adjustable t :fill-pointer 0))
  (count 0))

(defconstant +deleted+ 'zsys::|#<deleted>|)

(defun table-cell (table key)
  (cond ((not (ztable-equal-p table)) (gethash key (ztable-index table)))
        ((structured-key-p key)
         (find key (gethash (zequal-hash key) (ztable-index table)) :key #'car :test #'zequal))
        (t (gethash key (ztable-atoms table)))))

(defun table-add (table key value)
  (let ((cell (cons key value)))
    (cond ((not (ztable-equal-p table)) (setf (gethash key (ztable-index table)) cell))
          ((structured-key-p key) (push cell (gethash (zequal-hash key) (ztable-index table))))
          (t (setf (gethash key (ztable-atoms table)) cell)))
    (vector-push-extend cell (ztable-cells table))
    (incf (ztable-count table))))

(defun table-remove (table cell)
  (let ((key (car cell)))
    (cond ((not (ztable-equal-p table)) (remhash key (ztable-index table)))
          ((structured-key-p key)
           (let ((h (zequal-hash key)))
             (setf (gethash h (ztable-index table)) (remove cell (gethash h (ztable-index table))))))
          (t (remhash key (ztable-atoms table))))
    (setf (car cell) +deleted+)
    (decf (ztable-count table))
    ;; Squeeze out the holes once they are most of the cells.
    (let ((cells (ztable-cells table)))
      (when (> (length cells) (* 2 (1+ (ztable-count table))))
        (let ((live (remove +deleted+ cells :key #'car)))
          (setf (fill-pointer cells) 0)
          (loop for c across live do (vector-push-extend c cells)))))))

(defprim "%make-table" (kind)
  (let ((k (symbol-name kind)))
    (cond ((or (string= k "eq") (string= k "eqv")) (new-ztable nil (make-hash-table :test 'eql)))
          ((string= k "string") (new-ztable nil (make-hash-table :test 'equal)))
          (t (new-ztable t (make-hash-table :test 'eql))))))
(defprim "%table?" (x) (zbool (ztable-p x)))
(defprim "%table-ref" (table key default)
  (let ((cell (table-cell table key)))
    (if cell (cdr cell) default)))
(defprim "%table-set!" (table key value)
  (let ((cell (table-cell table key)))
    (if cell (setf (cdr cell) value) (table-add table key value)))
  +unspecified+)
(defprim "%table-delete!" (table key)
  (let ((cell (table-cell table key)))
    (when cell (table-remove table cell)))
  +unspecified+)
(defprim "%table-count" (table) (ztable-count table))
(defprim "%table-keys" (table)
  (loop for cell across (ztable-cells table)
        unless (eq (car cell) +deleted+) collect (car cell)))

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

;;; Text files are UTF-8, coded here (utf8-decode, utf8-encode below)
;;; rather than by the host's external formats, whose names, defaults
;;; (CLISP takes its default from the locale) and replacement of bad
;;; bytes differ.
(defun read-text-file (path)
  (let ((bytes (read-bytes-file path)))
    (utf8-decode bytes 0 (length bytes))))

(defun read-bytes-file (path)
  (with-open-file (in path :element-type '(unsigned-byte 8))
    (let* ((bv (make-array (file-length in) :element-type '(unsigned-byte 8)))
           (n (read-sequence bv in)))
      (if (= n (length bv)) bv (subseq bv 0 n)))))

(defprim "%read-file" (path)
  (handler-case (read-text-file path)
    (error () +false+)))

(defprim "%write-file" (path contents)
  (handler-case
      (with-open-file (out path :direction :output :if-exists :supersede
                                :element-type '(unsigned-byte 8))
        (dolist (piece (if (stringp contents) (list contents) contents))
          (write-sequence (utf8-encode piece 0 (length piece)) out))
        +true+)
    (error () +false+)))

(defprim "%file-exists?" (path) (zbool (probe-file path)))
(defprim "%delete-file" (path)
  (handler-case (progn (delete-file path) +true+) (error () +false+)))
(defprim "%getenv" (name) (or (host-getenv name) +false+))

(defvar *command-line* '())
(defprim "%command-line" () *command-line*)
;;; stage0 runs on an x86-64 Linux host.
(defprim "%platform-features" () (list "x86-64" "little-endian" "posix" "unix" "linux"))

(defprim "%exit" (code)
  (finish-output *standard-output*)
  (finish-output *error-output*)
  (host-exit code))

(defprim "%current-jiffy" () (get-internal-real-time))
(defprim "%jiffies-per-second" () internal-time-units-per-second)
;;; get-universal-time counts from 1900; POSIX time from 1970.
(defprim "%current-second" () (coerce (- (get-universal-time) 2208988800) 'double-float))
(defprim "%machine-backtrace" (limit)
  (declare (ignore limit))
  (cons nil 0))
(defprim "%isatty" (fd) (zbool (host-isatty fd)))
(defprim "%input-ready?" (fd)
  ;; A character (or the end of input) there now, as char-ready? asks.
  (let ((c (read-char-no-hang (fd-stream fd) nil :eof)))
    (cond ((eq c :eof) +true+)
          (c (unread-char c (fd-stream fd)) +true+)
          (t +false+))))

;;; ---------------------------------------------------------------------
;;; Unicode (language/chars.zt): the host's tables stand in for the
;;; runtime's (runtime/unicode.c); SBCL's follow the same properties of
;;; the Unicode database, ECL's and CLISP's are CL's character
;;; predicates (see their host files).  The compiler's sources are ASCII
;;; outside comments, where every host agrees.

;;; Unicode's White_Space property (a fixed list: CL has no such test).
(defun portable-whitespace-p (c)
  (let ((code (char-code c)))
    (or (<= 9 code 13) (= code 32) (= code #x85) (= code #xa0) (= code #x1680)
        (<= #x2000 code #x200a) (= code #x2028) (= code #x2029) (= code #x202f)
        (= code #x205f) (= code #x3000))))

(defprim "%char-props" (c)
  (+ (if (host-alphabetic-p c) 1 0)
     (if (host-whitespace-p c) 2 0)
     (if (host-uppercase-p c) 4 0)
     (if (host-lowercase-p c) 8 0)
     (if (host-decimal-value c) 16 0)))
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
    (0 (one-char-case c #'char-upcase #'host-string-upcase nil))
    (1 (one-char-case c #'char-downcase #'host-string-downcase t))
    (t (let ((s (host-string-foldcase (string c))))
         (if (= (length s) 1) (char s 0) (char-downcase c))))))
(defprim "%digit-value" (c) (or (host-decimal-value c) +false+))
(defprim "%string-case" (s kind)
  (case kind
    (0 (host-string-upcase s))
    (1 (host-string-downcase s))
    (t (host-string-foldcase s))))

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
  (utf8-decode bv start end))
(defprim "%string->utf8" (s start end)
  (unless (stringp s) (type-fail "string->utf8" "a string" s))
  (utf8-encode s start end))

;;; Binary files and the environment (runtime/host/files.c, process.c).
(defprim "%read-file-bytes" (path)
  (handler-case (read-bytes-file path)
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
  (loop for entry in (host-environment)
        for eq = (position #\= entry)
        when eq collect (cons (subseq entry 0 eq) (subseq entry (1+ eq)))))

;;; UTF-8, by hand: the same on every host.  A malformed or overlong
;;; sequence, a surrogate or a code beyond #x10ffff decodes as one #\?
;;; per byte that cannot start a character.
(defun utf8-decode (bv start end)
  (let ((out (make-string (- end start)))
        (n 0)
        (i start))
    (flet ((cont (j) (and (< j end) (= (logand (aref bv j) #xc0) #x80) (logand (aref bv j) #x3f))))
      (loop while (< i end)
            do (let* ((b (aref bv i))
                      (len (cond ((< b #x80) 1) ((<= #xc2 b #xdf) 2) ((<= #xe0 b #xef) 3)
                                 ((<= #xf0 b #xf4) 4) (t 0)))
                      (code (case len
                              (1 b)
                              (2 (let ((c1 (cont (+ i 1))))
                                   (and c1 (logior (ash (logand b #x1f) 6) c1))))
                              (3 (let ((c1 (cont (+ i 1))) (c2 (cont (+ i 2))))
                                   (and c1 c2 (logior (ash (logand b #x0f) 12) (ash c1 6) c2))))
                              (4 (let ((c1 (cont (+ i 1))) (c2 (cont (+ i 2))) (c3 (cont (+ i 3))))
                                   (and c1 c2 c3 (logior (ash (logand b #x07) 18) (ash c1 12)
                                                         (ash c2 6) c3)))))))
                 (if (and code
                          (>= code (case len (1 0) (2 #x80) (3 #x800) (t #x10000)))
                          (<= code #x10ffff)
                          (not (<= #xd800 code #xdfff)))
                     (progn (setf (char out n) (code-char code)) (incf i len))
                     (progn (setf (char out n) #\?) (incf i)))
                 (incf n))))
    (subseq out 0 n)))

(defun utf8-encode (s start end)
  (let ((size (loop for i from start below end
                    sum (let ((c (char-code (char s i))))
                          (cond ((< c #x80) 1) ((< c #x800) 2) ((< c #x10000) 3) (t 4))))))
    (let ((bv (make-array size :element-type '(unsigned-byte 8)))
          (j 0))
      (flet ((put (b) (setf (aref bv j) b) (incf j)))
        (loop for i from start below end
              do (let ((c (char-code (char s i))))
                   (cond ((< c #x80) (put c))
                         ((< c #x800) (put (logior #xc0 (ash c -6))) (put (logior #x80 (logand c #x3f))))
                         ((< c #x10000) (put (logior #xe0 (ash c -12)))
                          (put (logior #x80 (logand (ash c -6) #x3f))) (put (logior #x80 (logand c #x3f))))
                         (t (put (logior #xf0 (ash c -18))) (put (logior #x80 (logand (ash c -12) #x3f)))
                            (put (logior #x80 (logand (ash c -6) #x3f))) (put (logior #x80 (logand c #x3f))))))))
      bv)))

;;; Foreign functions (runtime/ffi.c): the SBCL bootstrap has none.
;;; No pointer exists here, so %pointer? is false and the rest fail.
(defprim "%pointer?" (x) (declare (ignore x)) +false+)
(defprim "%foreign-symbol" (name)
  (simple-fail "foreign-procedure: no foreign functions in the SBCL bootstrap interpreter:" name))
(macrolet ((no-ffi (name args)
             `(defprim ,name ,args (declare (ignore ,@args))
                (simple-fail ,(concatenate 'string name ": no foreign functions in the SBCL bootstrap interpreter")))))
  (no-ffi "%ffi-call" (desc args))
  (no-ffi "%ffi-peek" (p code offset))
  (no-ffi "%ffi-poke" (p code offset v))
  (no-ffi "%ffi-string" (p n))
  (no-ffi "%ffi-sizeof" (code))
  (no-ffi "%ffi-callback" (proc codes ret))
  (no-ffi "%ffi-callback-free" (p))
  (no-ffi "%pointer-address" (p))
  (no-ffi "%make-pointer" (n)))

;;; The terminal (runtime/terminal.c): the SBCL bootstrap never makes it
;;; raw, so its REPL reads plain lines.
(defprim "%tty-raw" (fd on) (declare (ignore fd on)) +false+)
(defprim "%read-byte" (fd)
  (declare (ignore fd))
  (let ((c (read-char *standard-input* nil nil)))
    (if c (char-code c) +eof+)))

;;; The network (runtime/net.c).  Not under SBCL: each answers the
;;; reason, which language/net.zt raises as a network error.
(defparameter +no-network+ "no network in the SBCL bootstrap (use the native build)")
(defprim "%tcp-listen" (host port) (declare (ignore host port)) +no-network+)
(defprim "%tcp-accept" (h) (declare (ignore h)) +no-network+)
(defprim "%tcp-connect" (host port) (declare (ignore host port)) +no-network+)
(defprim "%net-send" (h bytes) (declare (ignore h bytes)) +no-network+)
(defprim "%net-receive" (h max) (declare (ignore h max)) +no-network+)
(defprim "%net-close" (h how) (declare (ignore h how)) +true+)
(defprim "%net-local-port" (h) (declare (ignore h)) +no-network+)
(defprim "%udp-open" (host port) (declare (ignore host port)) +no-network+)
(defprim "%udp-send" (h host port bytes) (declare (ignore h host port bytes)) +no-network+)
(defprim "%udp-receive" (h) (declare (ignore h)) +no-network+)
