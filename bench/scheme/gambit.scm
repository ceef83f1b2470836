;; bench/scheme/gambit.scm -- prelude put in front of each
;; bench/programs/*.zt file for Gambit (compiled with gsc -exe).  The
;; declarations let gsc assume standard procedures are not redefined, as
;; a whole-program compiler may; arithmetic stays generic and safe.  It
;; gives the SRFI 69 hash table names the benchmarks use, on Gambit's
;; tables.
(declare (standard-bindings) (extended-bindings) (block))

(define (make-hash-table . same)
  (if (pair? same) (make-table test: (car same)) (make-table)))
(define (hash-table-set! t k v) (table-set! t k v))
(define (hash-table-ref/default t k d) (table-ref t k d))
(define (hash-table-delete! t k) (table-set! t k))
(define (hash-table-size t) (table-length t))
