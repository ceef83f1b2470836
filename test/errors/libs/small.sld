(define-library (libs small)
  (export visible)
  (import (scheme base))
  (begin (define (hidden) 1) (define (visible) (hidden))))
