;;; test/numdiff/gen.scm -- random numeric expressions for the
;;; differential number test (run under guile by test/numdiff/run).
;;;
;;; In:  the command line: SEED COUNT.
;;; Out: on stdout, a Scheme program of COUNT lines, each writing the
;;;      value of one random expression (or the symbol error), that Zoot
;;;      and guile must run to the same output.
;;;
;;; Why it exists: hand-written number tests cover the cases someone
;;; thought of; this covers the combinations: fixnums at the 30- and
;;; 62-bit limits, bignums of up to thousands of digits, rationals,
;;; flonums of every exponent (subnormals, infinities, NaNs, -0.0),
;;; mixed exact/inexact arithmetic, comparisons, rounding, integer
;;; division, and reading and printing (every literal goes through both
;;; readers, every result through both printers).  Operations whose
;;; results R7RS leaves open, or where guile is not exact to the bit
;;; (the transcendental functions, expt of flonums), are left out.

(define args (cdr (command-line)))
(define seed (string->number (car args)))
(define count (string->number (cadr args)))
(define state (seed->random-state seed))
(define (rand n) (random n state))
(define (pick . xs) (list-ref xs (rand (length xs))))
(define (chance k) (< (rand 100) k))

;;; Literals, as text: both readers read them.
(define (digits n)
  (let loop ((i 0) (acc (list (integer->char (+ 49 (rand 9))))))
    (if (= i (- n 1))
        (list->string acc)
        (loop (+ i 1) (cons (integer->char (+ 48 (rand 10))) acc)))))

(define (signed s) (if (chance 50) (string-append "-" s) s))

(define (int-literal)
  (case (rand 6)
    ((0) (number->string (- (rand 201) 100)))
    ((1) (number->string (+ (pick (expt 2 29) (- (expt 2 29)) (expt 2 61) (- (expt 2 61))
                                  (expt 2 62) (- (expt 2 62)) (expt 2 31) (expt 2 63) (expt 2 64))
                            (- (rand 5) 2))))
    ((2) (signed (digits (+ 1 (rand 18)))))
    ((3) (signed (digits (+ 19 (rand 40)))))
    ((4) (signed (digits (pick 100 300 1000))))
    (else (signed (digits (if (chance 10) 3000 (+ 1 (rand 200))))))))

(define (rational-literal)
  (string-append (int-literal) "/" (number->string (+ 1 (rand (pick 10 1000 (expt 10 30)))))))

;;; A double: a random 53-bit significand at a random binary exponent
;;; (subnormals included), or a special value.
(define (flonum-literal)
  (case (rand 12)
    ((0) (pick "+inf.0" "-inf.0" "+nan.0" "-0.0" "0.0"))
    ((1) (number->string (exact->inexact (* (if (chance 50) -1 1) (rand (expt 2 52)) (expt 2 -1074)))))
    ((2) (pick "0.1" "0.5" "1e21" "1e22" "1e-7" "123.0" "2.5" "-2.5" "1e308" "4.9e-324"
               "2.2250738585072014e-308" "1.7976931348623157e308" "9007199254740993.0"))
    ((3) (string-append (signed (digits (+ 1 (rand 25)))) "." (digits (+ 1 (rand 25)))
                        "e" (number->string (- (rand 560) 280))))
    (else
     (number->string
      (exact->inexact (* (if (chance 50) -1 1) (+ (expt 2 52) (rand (expt 2 52)))
                         (expt 2 (- (rand (pick 120 2000)) (pick 60 1074)))))))))

(define (literal)
  (case (rand 10)
    ((0 1 2 3) (int-literal))
    ((4 5) (rational-literal))
    (else (flonum-literal))))

;;; Expressions: real-valued, integer-valued (exact), and top-level ones
;;; that may give booleans or strings.
(define (real-expr depth)
  (if (or (= depth 0) (chance 30))
      (literal)
      (let ((a (lambda () (real-expr (- depth 1)))))
        (case (rand 16)
          ((0 1) (list "+" (a) (a)))
          ((2 3) (list "-" (a) (a)))
          ((4 5) (list "*" (a) (a)))
          ((6) (list "/" (a) (a)))
          ((7) (list "-" (a)))
          ((8) (list (pick "abs" "square") (a)))
          ((9) (list (pick "floor" "ceiling" "round" "truncate") (a)))
          ((10) (list (pick "exact" "inexact") (a)))
          ((11) (list (pick "max" "min") (a) (a) (a)))
          ((12) (list (pick "numerator" "denominator") (a)))
          ((13) (list "expt" (exact-expr (- depth 1)) (number->string (rand 6))))
          ((14) (list "string->number" (list "number->string" (a))))
          (else (int-expr depth))))))

(define (exact-expr depth)
  (list "exact" (list "round" (real-expr depth))))

(define (int-expr depth)
  (let ((i (lambda () (if (or (= depth 0) (chance 40)) (int-literal) (int-expr (- depth 1))))))
    (case (rand 9)
      ((0) (list (pick "quotient" "remainder" "modulo") (i) (i)))
      ((1) (list (pick "floor-quotient" "floor-remainder" "truncate-quotient" "truncate-remainder") (i) (i)))
      ((2) (list (pick "gcd" "lcm") (i) (i)))
      ((3) (list "+" (i) (i)))
      ((4) (list "*" (i) (i)))
      ((5) (list "-" (i) (i)))
      ((6) (let ((radix (pick "2" "8" "16")))
             (list "string->number" (list "number->string" (i) radix) radix)))
      ((7) (list "call-with-values" (list "lambda" "()" (list "exact-integer-sqrt" (list "abs" (i))))
                 "(lambda (s r) (+ s r))"))
      (else (list "expt" (i) (number->string (rand 6)))))))

(define (top-expr)
  (let ((a (lambda () (real-expr 3))))
    (case (rand 10)
      ((0 1) (list (pick "=" "<" ">" "<=" ">=") (a) (a)))
      ((2) (list (pick "integer?" "rational?" "exact?" "inexact?" "exact-integer?" "nan?" "finite?")
                 (a)))
      ((3) (list "number->string" (a)))
      ((4) (list "eqv?" (a) (a)))
      (else (a)))))

(define (text e)
  (if (string? e)
      e
      (string-append "(" (let loop ((xs e) (acc ""))
                           (if (null? xs)
                               acc
                               (loop (cdr xs) (string-append acc (if (string=? acc "") "" " ")
                                                             (text (car xs))))))
                     ")")))

(display "(define (try thunk) (guard (e (#t 'error)) (thunk)))\n")
(display "(define (out x) (write x) (newline))\n")
(let loop ((k 0))
  (when (< k count)
    (display "(out (try (lambda () ")
    (display (text (top-expr)))
    (display ")))\n")
    (loop (+ k 1))))
