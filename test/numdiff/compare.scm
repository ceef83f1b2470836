;;; test/numdiff/compare.scm -- compare Zoot's and guile's outputs of a
;;; program test/numdiff/gen.scm made.
;;;
;;; In:  the command line: PROGRAM ZOOT-OUTPUT GUILE-OUTPUT.
;;; Out: a report of each line where the values differ (as guile reads
;;;      them: "1e21" and "1.0e21" are the same flonum), the
;;;      expression with it; exit status 0 when none does.
;;;
;;; Why it exists: the two implementations print some flonums in
;;; different layouts (Zoot like Chez Scheme), so the outputs are
;;; compared as data, not as text.

(use-modules (ice-9 rdelim))
(define args (cdr (command-line)))
(define (lines file)
  (call-with-input-file file
    (lambda (port)
      (let loop ((acc '()))
        (let ((line (read-line port)))
          (if (eof-object? line) (reverse acc) (loop (cons line acc))))))))
(define program (list-tail (lines (car args)) 2))
(define zoot (lines (cadr args)))
(define guile (lines (caddr args)))
(define (value line) (with-input-from-string line read))
;;; The same value; strings of numbers (number->string's results) as
;;; the numbers they read as, since the layouts of flonums differ.
(define (same? a b)
  (or (equal? a b)
      (and (number? a) (number? b) (inexact? a) (inexact? b) (nan? a) (nan? b))
      (and (string? a) (string? b) (string->number a) (string->number b)
           (same? (string->number a) (string->number b)))))
;;; Guile compares a flonum with a rational beyond the double range
;;; inexactly (it rounds the rational to an infinity); R7RS wants the
;;; exact answer, Zoot's.  So a comparison both sides disagree on is
;;; judged again here, on the exact values of its operands.
(define comparisons `((= . ,=) (< . ,<) (> . ,>) (<= . ,<=) (>= . ,>=)))
(define (exact-answer line)
  (let* ((form (with-input-from-string line read))
         (expr (caddr (cadr (cadr form)))))
    (and (pair? expr) (assq (car expr) comparisons) (= (length expr) 3)
         (let ((a (false-if-exception (eval (cadr expr) (interaction-environment))))
               (b (false-if-exception (eval (caddr expr) (interaction-environment)))))
           (and (real? a) (real? b) (not (nan? a)) (not (nan? b))
                (not (inf? a)) (not (inf? b))
                (list ((cdr (assq (car expr) comparisons)) (inexact->exact a) (inexact->exact b))))))))
;;; (ANSWER) when the line is such a comparison, else #f.
(define (exactly-right? line z)
  (let ((answer (false-if-exception (exact-answer line))))
    (and answer (boolean? z) (eq? (car answer) z))))
(define failures 0)
(let loop ((p program) (z zoot) (g guile) (k 1))
  (cond ((and (null? z) (null? g)))
        ((or (null? z) (null? g))
         (set! failures (+ failures 1))
         (format #t "line ~a: one output ends early (zoot ~a lines, guile ~a)\n" k
                 (length zoot) (length guile)))
        (else
         (unless (or (same? (value (car z)) (value (car g)))
                     (exactly-right? (car p) (value (car z))))
           (set! failures (+ failures 1))
           (when (<= failures 20)
             (format #t "line ~a: ~a\n  zoot:  ~a\n  guile: ~a\n" k
                     (if (> (string-length (car p)) 400) (string-append (substring (car p) 0 400) "...") (car p))
                     (car z) (car g))))
         (loop (cdr p) (cdr z) (cdr g) (+ k 1)))))
(format #t "~a expressions, ~a differ\n" (length guile) failures)
(exit (if (= failures 0) 0 1))
