;; string.scm -- string building and searching: a text made of numbers
;; and words with string-append, number->string, string ports and
;; string-copy; then every occurrence of several patterns counted with
;; a naive search and with substring compares, and the text reversed
;; and upcased through string->list.  Out: (length, occurrences).
(import (scheme base) (scheme char) (harness))

(define words '#("alpha" "beta" "gamma" "delta" "epsilon"))

(define (build n)
  (let ((out (open-output-string)))
    (do ((i 0 (+ i 1))) ((= i n))
      (write-string (vector-ref words (remainder i 5)) out)
      (write-char #\space out)
      (write-string (number->string (* i 7)) out)
      (write-char (if (= (remainder i 10) 9) #\newline #\space) out))
    (get-output-string out)))

(define (count-occurrences text pattern)
  (let ((n (string-length text)) (m (string-length pattern)))
    (let loop ((i 0) (count 0))
      (if (> (+ i m) n)
          count
          (loop (+ i 1)
                (if (let match ((j 0))
                      (or (= j m)
                          (and (char=? (string-ref text (+ i j)) (string-ref pattern j))
                               (match (+ j 1)))))
                    (+ count 1)
                    count))))))

(define (count-substrings text pattern)
  (let ((m (string-length pattern)))
    (let loop ((i 0) (count 0))
      (if (> (+ i m) (string-length text))
          count
          (loop (+ i 1) (if (string=? (substring text i (+ i m)) pattern) (+ count 1) count))))))

(define (run n)
  (let* ((text (build n))
         (joined (let loop ((i 0) (acc ""))
                   (if (= i 200) acc (loop (+ i 1) (string-append acc (number->string i) ",")))))
         (upper (list->string (map char-upcase (reverse (string->list text))))))
    (list (string-length text)
          (+ (count-occurrences text "ta 1")
             (count-occurrences text "psilon")
             (count-occurrences upper "ATEB")
             (count-substrings text "77")
             (count-occurrences joined "99,")))))

(run-benchmark "string" 5 (lambda () (run (hide 5000))) '(59411 2779))
