;; prelude/guile.scm -- In: nothing.  Out: what Guile 3.0 needs in front
;; of harness.scm and a benchmark whose import form bench/classic/run
;; removed: SRFI 69 hash tables from Guile's module, and the R7RS names
;; Guile's default environment lacks (only those: importing all of
;; (scheme base) would replace core bindings, with warnings).
(use-modules (srfi srfi-69) (srfi srfi-9)
             ((scheme base)
              #:select (square read-line write-string string->vector vector->string
                        vector-map vector-for-each vector-append read-string exact inexact
                        bytevector make-bytevector bytevector-u8-ref read-u8
                        guard error raise error-object? error-object-message error-object-irritants))
             ((scheme char) #:select (char-foldcase string-foldcase))
             ((scheme time) #:select (current-jiffy jiffies-per-second)))
