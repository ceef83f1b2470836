;; primes.scm -- lazy streams: the sieve of Eratosthenes on an infinite
;; stream of integers built with delay and force (each prime filters
;; the rest of the stream).  Out: the 700th prime, 5279.
(import (scheme base) (scheme lazy) (harness))

(define (integers-from n) (cons n (delay (integers-from (+ n 1)))))
(define (stream-filter keep? s)
  (if (keep? (car s))
      (cons (car s) (delay (stream-filter keep? (force (cdr s)))))
      (stream-filter keep? (force (cdr s)))))
(define (sieve s)
  (cons (car s)
        (delay (sieve (stream-filter (lambda (x) (not (= 0 (remainder x (car s)))))
                                     (force (cdr s)))))))
(define (stream-ref s n) (if (= n 0) (car s) (stream-ref (force (cdr s)) (- n 1))))

(run-benchmark "primes" 5 (lambda () (stream-ref (sieve (integers-from 2)) (hide 699))) 5279)
