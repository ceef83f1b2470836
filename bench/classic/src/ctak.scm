;; ctak.scm -- Takeuchi's function where every call captures a
;; continuation and every result is delivered by calling one (escapes
;; only).  Out: 7.
(import (scheme base) (harness))

(define (ctak x y z)
  (call-with-current-continuation
   (lambda (k) (ctak-aux k x y z))))

(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (ctak-aux
       k
       (call-with-current-continuation (lambda (k) (ctak-aux k (- x 1) y z)))
       (call-with-current-continuation (lambda (k) (ctak-aux k (- y 1) z x)))
       (call-with-current-continuation (lambda (k) (ctak-aux k (- z 1) x y))))))

(run-benchmark "ctak" 30 (lambda () (ctak (hide 18) (hide 12) (hide 6))) 7)
