;; prelude/chicken.scm -- In: nothing.  Out: what CHICKEN 5 (without the
;; r7rs egg, which this machine cannot fetch) needs in front of
;; harness.scm and a benchmark whose import form bench/classic/run
;; removed: its modules for the R7RS names it has elsewhere, and
;; definitions of the few the benchmarks use that it lacks.  Hash tables
;; (SRFI 69) are an egg in CHICKEN 5, so hashtab does not build.
(import (chicken base) (chicken time) (chicken process-context) (chicken file) (except (chicken io) write-string))

;; CPU milliseconds (current-milliseconds is deprecated in 5.3)
(define (current-jiffy) (current-process-milliseconds))
(define (jiffies-per-second) 1000)
(define (command-line) (cons (program-name) (command-line-arguments)))
(define (exact x) (inexact->exact x))
(define (inexact x) (exact->inexact x))
(define (square x) (* x x))
(define (write-string s . port) (apply display s port))
(define (vector-copy v)
  (let* ((n (vector-length v)) (w (make-vector n)))
    (do ((i 0 (+ i 1))) ((= i n) w) (vector-set! w i (vector-ref v i)))))
