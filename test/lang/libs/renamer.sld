(define-library (libs renamer)
  (export (rename internal-name external-name) plain)
  (import (scheme base))
  (begin
    (define (internal-name) 'internal)
    (define (plain) (internal-name))))
