;; ratio.scm -- exact rational arithmetic: the harmonic number H(400)
;; summed as an exact fraction, a continued-fraction expansion of it,
;; and its value as a flonum.  Out: (numerator digits, denominator
;; digits, continued-fraction length, rounded value * 1e6).
(import (scheme base) (harness))

(define (harmonic n)
  (do ((k 1 (+ k 1)) (s 0 (+ s (/ 1 k)))) ((> k n) s)))

(define (continued-fraction x)
  (let loop ((x x) (terms 0))
    (let ((a (floor x)))
      (if (= x a) (+ terms 1) (loop (/ 1 (- x a)) (+ terms 1))))))

(define (run n)
  (let ((h (harmonic n)))
    (list (string-length (number->string (numerator h)))
          (string-length (number->string (denominator h)))
          (continued-fraction h)
          (exact (round (* (inexact h) 1e6))))))

(run-benchmark "ratio" 20 (lambda () (run (hide 400))) '(172 171 338 6569930))
