;; fib.scm -- doubly recursive Fibonacci on fixnums, (fib 30).
;; Out: 832040.
(import (scheme base) (harness))

(define (fib n)
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(run-benchmark "fib" 20 (lambda () (fib (hide 30))) 832040)
