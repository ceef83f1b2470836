;; Loaded before each test/lang program when it runs under guile for the
;; differential check: it brings in the R7RS and SRFI names Zoot provides
;; by default (records, SRFI 69 hash tables, let-values, exceptions).
(use-modules (srfi srfi-9) (srfi srfi-69) (srfi srfi-11) ((scheme base) #:select (guard error raise raise-continuable with-exception-handler error-object? error-object-message error-object-irritants string-map vector-map vector-for-each string-for-each let-values  exact read-error? file-error? write-string list-copy read-line eof-object flush-output-port square exact-integer-sqrt inexact exact-integer? floor/ truncate/ floor-quotient floor-remainder truncate-quotient truncate-remainder)) (scheme inexact) (scheme complex) (scheme char) (scheme write) (scheme process-context) (scheme file) (scheme time))
(define hash-table-contains? hash-table-exists?)
