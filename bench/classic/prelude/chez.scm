;; prelude/chez.scm -- In: nothing.  Out: the R7RS names the classic
;; benchmarks use that Chez Scheme 9.5 (an R6RS system) lacks or spells
;; differently, in front of harness.scm and a benchmark whose import
;; form bench/classic/run removed: one top-level program compiled whole.
(import (except (chezscheme) define-record-type make-hash-table error)
        (rename (only (chezscheme) define-record-type error)
                (define-record-type r6rs-define-record-type) (error r6rs-error)))

(define (error message . irritants) (apply r6rs-error #f message irritants))

(define (current-jiffy)
  (let ((t (current-time 'time-monotonic)))
    (+ (* (time-second t) 1000000000) (time-nanosecond t))))
(define (jiffies-per-second) 1000000000)
(define (error-object? x) (condition? x))
(define (error-object-message c) (condition-message c))
(define (error-object-irritants c) (condition-irritants c))
(define (exact-integer? x) (and (integer? x) (exact? x)))
(define (square x) (* x x))
(define (floor-quotient a b) (floor (/ a b)))
(define (truncate-quotient a b) (quotient a b))
(define (truncate-remainder a b) (remainder a b))
(define (floor-remainder a b) (modulo a b))
(define (read-line . port) (apply get-line port))
(define (write-string s . port) (apply put-string (if (null? port) (current-output-port) (car port)) s '()))
(define (string->vector s) (list->vector (string->list s)))
(define (vector->string v) (list->string (vector->list v)))
(define (make-hash-table . same)
  (if (and (pair? same) (memq (car same) (list eq? eqv?)))
      (make-eqv-hashtable)
      (make-hashtable equal-hash equal?)))
(define (hash-table-set! t k v) (hashtable-set! t k v))
(define (hash-table-ref/default t k d) (hashtable-ref t k d))
(define (hash-table-delete! t k) (hashtable-delete! t k))
(define (hash-table-size t) (hashtable-size t))
(define (hash-table-update!/default t k f d) (hashtable-update! t k f d))

;; R7RS define-record-type, for the form the benchmarks use: a
;; constructor taking every field in order.
(define-syntax define-record-type
  (syntax-rules ()
    ((_ type (ctor arg ...) pred spec ...)
     (record-fields type ctor pred (spec ...) ()))))
(define-syntax record-fields
  (syntax-rules ()
    ((_ type ctor pred () (field ...))
     (r6rs-define-record-type (type ctor pred) (fields field ...)))
    ((_ type ctor pred ((f get) spec ...) (field ...))
     (record-fields type ctor pred (spec ...) (field ... (immutable f get))))
    ((_ type ctor pred ((f get set) spec ...) (field ...))
     (record-fields type ctor pred (spec ...) (field ... (mutable f get set))))))
