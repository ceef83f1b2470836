;; pidigits.scm -- bignum arithmetic: the first 500 decimal digits of
;; pi by Gibbons' unbounded spigot (exact integers that grow to
;; thousands of digits).  Out: the digits' sum and the last 10 digits.
(import (scheme base) (harness))

;; The state (q r t k) is the linear fractional transformation
;; (q*x + r) / t; each step either emits a digit or absorbs a term of
;; the series pi = sum (k! / (2k+1)!!) * 2.
(define (pi-digits count)
  (let loop ((q 1) (r 0) (t 1) (k 1) (n 3) (l 3) (emitted 0) (digits '()))
    (cond ((= emitted count) (reverse digits))
          ((< (+ (* 4 q) (- r t)) (* n t))
           (loop (* 10 q) (* 10 (- r (* n t))) t k
                 (- (quotient (* 10 (+ (* 3 q) r)) t) (* 10 n)) l
                 (+ emitted 1) (cons n digits)))
          (else
           (loop (* q k) (* (+ (* 2 q) r) l) (* t l) (+ k 1)
                 (quotient (+ (* q (+ (* 7 k) 2)) (* r l)) (* t l)) (+ l 2)
                 emitted digits)))))

(define (run n)
  (let ((digits (pi-digits n)))
    (list (apply + digits)
          (let loop ((d (list-tail digits (- n 10))) (v 0))
            (if (null? d) v (loop (cdr d) (+ (* v 10) (car d))))))))

(run-benchmark "pidigits" 5 (lambda () (run (hide 500))) '(2212 1830119491))
