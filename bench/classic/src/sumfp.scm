;; sumfp.scm -- sums the flonums 0.0, 1.0, ... 1e6 in a loop.
;; Out: 500000500000.0 (exact in binary64).
(import (scheme base) (harness))

(define (sum-to n)
  (let loop ((i n) (acc 0.))
    (if (< i 0.) acc (loop (- i 1.) (+ acc i)))))

(run-benchmark "sumfp" 30 (lambda () (sum-to (hide 1e6))) 500000500000.)
