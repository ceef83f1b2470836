;; Loaded before each test/lang program when it runs under guile for the
;; differential check: it brings in the R7RS and SRFI names Zoot provides
;; by default (records, SRFI 69 hash tables, let-values, exceptions).
(use-modules (srfi srfi-9) (srfi srfi-69) (srfi srfi-11) ((scheme base) #:select (guard error raise raise-continuable with-exception-handler error-object? error-object-message error-object-irritants string-map vector-map vector-for-each string-for-each let-values  exact read-error? file-error? write-string list-copy read-line eof-object flush-output-port square exact-integer-sqrt inexact exact-integer? floor/ truncate/ floor-quotient floor-remainder truncate-quotient truncate-remainder)) (scheme inexact) (scheme complex) (scheme char) (scheme write) (scheme process-context) (scheme file) (scheme time))
(define hash-table-contains? hash-table-exists?)
;; (scheme lazy): delay-force and R7RS's make-promise (guile's core has
;; an older make-promise).
(use-modules (scheme lazy))
;; The rest of (scheme base) that guile's default bindings lack or define differently.
(use-modules ((scheme base) #:select (string->vector vector->string vector-copy! vector-append string-copy! vector-fill! string-copy string->list vector->list vector-copy list-set! symbol=? boolean=? member assoc string-for-each bytevector bytevector? make-bytevector bytevector-u8-ref bytevector-u8-set! bytevector-length bytevector-copy bytevector-copy! bytevector-append utf8->string string->utf8 open-input-bytevector open-output-bytevector get-output-bytevector read-u8 peek-u8 u8-ready? write-u8 read-bytevector read-bytevector! write-bytevector call-with-port input-port-open? output-port-open? textual-port? binary-port? read-string write-string char-ready? features)) (scheme cxr) ((scheme process-context) #:select (get-environment-variables emergency-exit)))
