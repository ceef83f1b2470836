;; takl.scm -- Takeuchi's function on lists standing for numbers (the
;; length is the number; "less than" walks both lists).  Out: the list of
;; length 7.
(import (scheme base) (harness))

(define (listn n)
  (if (= n 0) '() (cons n (listn (- n 1)))))

(define (shorter? x y)
  (and (not (null? y))
       (or (null? x) (shorter? (cdr x) (cdr y)))))

(define (mas x y z)
  (if (not (shorter? y x))
      z
      (mas (mas (cdr x) y z)
           (mas (cdr y) z x)
           (mas (cdr z) x y))))

(run-benchmark "takl" 40
               (lambda () (length (mas (listn (hide 18)) (listn (hide 12)) (listn (hide 6)))))
               7)
