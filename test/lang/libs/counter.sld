;; A library with private state and a private helper named like the one
;; in (libs tally): each library's helper is its own.
(define-library (libs counter)
  (export make-counter counter-next! counter-total)
  (import (scheme base))
  (begin
    (define total 0)
    (define (helper n) (+ n 1))
    (define (make-counter) (vector 0))
    (define (counter-next! c)
      (vector-set! c 0 (helper (vector-ref c 0)))
      (set! total (+ total 1))
      (vector-ref c 0))
    (define (counter-total) total)))
