;; bench/scheme/chez.scm -- prelude put in front of each bench/programs/*.zt
;; file to make it a Chez Scheme top-level program (compiled whole, so
;; Chez can inline within it).  It gives the few SRFI 69 hash table names
;; the benchmarks use, on top of Chez's R6RS hashtables.
(import (except (chezscheme) make-hash-table))

(define (make-hash-table . same)
  (if (and (pair? same) (memq (car same) (list eq? eqv?)))
      (make-eqv-hashtable)
      (make-hashtable equal-hash equal?)))
(define (hash-table-set! t k v) (hashtable-set! t k v))
(define (hash-table-ref/default t k d) (hashtable-ref t k d))
(define (hash-table-delete! t k) (hashtable-delete! t k))
(define (hash-table-size t) (hashtable-size t))
