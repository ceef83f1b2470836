(define-library (libs malformed)
  (export x)
  (imports (scheme base))
  (begin (define x 1)))
