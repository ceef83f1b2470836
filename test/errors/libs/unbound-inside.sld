(define-library (libs unbound-inside)
  (export shout)
  (import (scheme base))
  (begin
    (define (shout x)
      (display x))))
