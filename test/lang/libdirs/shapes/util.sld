(define-library (shapes util)
  (export scale)
  (import (scheme base))
  (begin (define (scale x k) (* x k))))
