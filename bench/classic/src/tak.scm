;; tak.scm -- Takeuchi's function (tak 18 12 6): three-argument calls,
;; tail calls, fixnum comparison.  Out: 7.
(import (scheme base) (harness))

(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(run-benchmark "tak" 300 (lambda () (tak (hide 18) (hide 12) (hide 6))) 7)
