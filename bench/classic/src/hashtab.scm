;; hashtab.scm -- hash tables (SRFI 69): an equal? table keyed by
;; strings and an eqv? table keyed by fixnums, with inserts, lookups
;; (half absent), updates and deletions.  Out: (hits, sum, sizes).
(import (scheme base) (srfi 69) (harness))

(define (run n)
  (let ((strings (make-hash-table equal?)) (numbers (make-hash-table eqv?))
        (hits 0) (sum 0))
    (do ((i 0 (+ i 1))) ((= i n))
      (hash-table-set! strings (number->string i 16) i)
      (hash-table-set! numbers (* i 3) i))
    (do ((i 0 (+ i 1))) ((= i (* 2 n)))
      (let ((v (hash-table-ref/default strings (number->string i 16) #f)))
        (if v (begin (set! hits (+ hits 1)) (set! sum (+ sum v)))))
      (let ((v (hash-table-ref/default numbers i #f)))
        (if v (begin (set! hits (+ hits 1)) (set! sum (+ sum v))))))
    (do ((i 0 (+ i 2))) ((>= i n))
      (hash-table-delete! strings (number->string i 16))
      (hash-table-update!/default numbers (* i 3) (lambda (v) (+ v 1)) 0))
    (list hits sum (hash-table-size strings) (hash-table-size numbers))))

(run-benchmark "hashtab" 5 (lambda () (run (hide 20000))) '(33334 288881111 10000 20000))
