(define-library (libs tally)
  (export tally helper-result)
  (import (scheme base))
  (begin
    (define (helper n) (* n 100))
    (define (helper-result) (helper 2))
    (define (tally . xs) (apply + xs))))
