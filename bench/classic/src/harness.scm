;; harness.scm -- In: a benchmark's name, its default repeat count, a
;; thunk doing one run, and the expected result (a value compared with
;; equal?, or a predicate on the result).  Out: on stdout the line
;; "NAME RESULT" and the line "seconds S", the time of all the runs
;; measured with current-jiffy (so start-up is excluded); exit status 1,
;; with a message on stderr, when the last run's result is wrong.
;; Why: one portable harness for Zoot (the library (harness)) and the
;; other systems (this text put in front of the program).
;;
;; The repeat count is the last command-line argument when it is a
;; positive integer, else the default.

(define hide-box (vector #f))

;; hide: returns x through a mutable vector, so that no compiler can
;; fold a benchmark's constant inputs into its code.
(define (hide x)
  (vector-set! hide-box 0 x)
  (vector-ref hide-box 0))

(define (bench-count default)
  (let ((args (command-line)))
    (if (and (pair? args) (pair? (cdr args)))
        (let ((n (string->number (car (reverse args)))))
          (if (and n (exact-integer? n) (> n 0)) n default))
        default)))

(define (run-benchmark name default thunk expected)
  (let* ((count (bench-count default))
         (start (current-jiffy))
         (result (let loop ((i 1))
                   (let ((r (thunk)))
                     (if (< i count) (loop (+ i 1)) r))))
         (stop (current-jiffy))
         (ok (if (procedure? expected) (expected result) (equal? result expected))))
    (display name)
    (display " ")
    (write result)
    (newline)
    (display "seconds ")
    (display (/ (inexact (- stop start)) (inexact (jiffies-per-second))))
    (newline)
    (if (not ok)
        (let ((err (current-error-port)))
          (display name err)
          (display ": wrong result " err)
          (write result err)
          (if (not (procedure? expected))
              (begin (display ", expected " err) (write expected err)))
          (newline err)
          (exit 1)))))
