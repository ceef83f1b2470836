;; cpstak.scm -- Takeuchi's function in continuation-passing style: every
;; call gets a closure for the rest of the work.  Out: 7.
(import (scheme base) (harness))

(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))

(run-benchmark "cpstak" 100 (lambda () (cpstak (hide 18) (hide 12) (hide 6))) 7)
