;; prelude/gambit.scm -- In: nothing.  Out: declarations and the few
;; names the classic benchmarks use that Gambit 4.9 lacks, in front of
;; harness.scm and a benchmark whose import form bench/classic/run
;; removed (compiled with gsc -exe).  The declarations let gsc assume
;; standard procedures are not redefined, as a whole-program compiler
;; may; arithmetic stays generic and safe.
(declare (standard-bindings) (extended-bindings) (block))

(define (make-hash-table . same)
  (if (pair? same) (make-table test: (car same)) (make-table)))
(define (hash-table-set! t k v) (table-set! t k v))
(define (hash-table-ref/default t k d) (table-ref t k d))
(define (hash-table-delete! t k) (table-set! t k))
(define (hash-table-size t) (table-length t))
(define (hash-table-update!/default t k f d) (table-set! t k (f (table-ref t k d))))

;; R7RS guard: Gambit 4.9.3's guard, like any syntax-rules macro
;; outside its R7RS library mode, exits with status 70, so here it is
;; as a define-macro; a condition no clause accepts is raised again
;; from the guard's continuation.
(define-macro (guard spec . body)
  (let ((var (car spec)) (clauses (cdr spec)) (k (gensym)) (c (gensym)) (r (gensym)))
    `((call-with-current-continuation
       (lambda (,k)
         (with-exception-handler
          (lambda (,c)
            (,k (lambda ()
                  (let ((,var ,c))
                    (cond ,@clauses
                          ,@(if (assq 'else clauses) '() `((else (raise ,var)))))))))
          (lambda ()
            (call-with-values (lambda () ,@body)
              (lambda ,r (,k (lambda () (apply values ,r))))))))))))
