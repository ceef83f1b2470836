;; divit.scm -- halves a list of 1000 elements by taking every other
;; one, iteratively (a loop consing the result).  Out: 500.
(import (scheme base) (harness))

(define (create-n n)
  (do ((n n (- n 1)) (a '() (cons '() a))) ((= n 0) a)))

(define (iterative-div2 l)
  (do ((l l (cddr l)) (a '() (cons (car l) a))) ((null? l) a)))

(define (run l)
  (let loop ((i 0) (r 0))
    (if (= i 300) r (loop (+ i 1) (length (iterative-div2 l))))))

(define input (create-n 1000))
(run-benchmark "divit" 100 (lambda () (run (hide input))) 500)
