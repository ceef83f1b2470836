;; fibfp.scm -- doubly recursive Fibonacci on flonums, (fibfp 27.0):
;; every addition allocates a flonum (or unboxes one).  Out: 196418.0.
(import (scheme base) (harness))

(define (fibfp n)
  (if (< n 2.) n (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))

(run-benchmark "fibfp" 20 (lambda () (fibfp (hide 27.))) 196418.)
