;; divrec.scm -- halves a list of 1000 elements by taking every other
;; one, recursively (non-tail recursion 500 deep).  Out: 500.
(import (scheme base) (harness))

(define (create-n n)
  (do ((n n (- n 1)) (a '() (cons '() a))) ((= n 0) a)))

(define (recursive-div2 l)
  (if (null? l) '() (cons (car l) (recursive-div2 (cddr l)))))

(define (run l)
  (let loop ((i 0) (r 0))
    (if (= i 300) r (loop (+ i 1) (length (recursive-div2 l))))))

(define input (create-n 1000))
(run-benchmark "divrec" 100 (lambda () (run (hide input))) 500)
